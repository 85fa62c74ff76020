using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using KB.Tests.Accounts;
using KB.Web.Features.Accounts;
using KB.Web.Features.Editing;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace KB.Tests.Editing;

/// <summary>The editor and history pages as the server first renders them, who may open them, and the preview endpoint.</summary>
public sealed class EditorPageTests : IAsyncLifetime
{
    private const string EditorName = "Eddie Editor";

    private const string Slug = "widget-timeouts";

    private readonly TempFolder _content = new();
    private readonly KbApp _app;
    private HttpClient _client = null!;

    public EditorPageTests()
    {
        _content.Write($"diagnostics/{Slug}.md", Articles.Markdown(Slug, title: "Widget timeouts", body: "Widgets time out.\n\nCheck the widget pool."));
        _app = new KbApp(_content.Path);
    }

    public async Task InitializeAsync()
    {
        var editor = await _app.CreateAsync(Roles.Editor, EditorName);
        _client = await _app.SignInAsync(editor.Email!, TestUsers.Password);
    }

    public Task DisposeAsync()
    {
        _app.Dispose();
        _content.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task The_editor_shows_the_file_in_a_labelled_textarea_with_its_preview()
    {
        var page = await _client.GetStringAsync($"/kb/{Slug}/edit");

        Assert.Matches("""<label [^>]*for="article-markdown">Markdown</label>""", page);
        Assert.Contains("slug: widget-timeouts", page);
        Assert.Contains("<p>Check the widget pool.</p>", page);
        Assert.Matches("""<label [^>]*for="revision-comment"[^>]*>Comment</label>""", page);
        Assert.Contains("Save article", page);
    }

    [Fact]
    public async Task A_file_the_knowledge_base_refused_opens_in_the_editor_from_the_problems_page()
    {
        const string broken = "pool-exhaustion";
        _content.Write($"diagnostics/{broken}.md", "---\nslug: pool-exhaustion\ntitle: Pool exhaustion\ncategory: diagnostc\n---\nThe pool runs dry.");
        await _app.Services.GetRequiredService<KB.Web.Features.Knowledge.KnowledgeBase>().ReloadAsync();

        var problems = await _client.GetStringAsync("/kb/problems");
        Assert.Contains($"""<a class="problem-fix" href="/kb/{broken}/edit">Edit the file</a>""", problems);
        Assert.DoesNotContain("problem-fix", await (await _app.SignInAsAsync(Roles.Viewer)).GetStringAsync("/kb/problems"));
        var editor = await _client.GetStringAsync($"/kb/{broken}/edit");
        Assert.Contains("This article is not in the knowledge base: its file has errors", editor);
        Assert.Contains("Front matter:", editor);
    }

    [Fact]
    public async Task The_article_page_links_to_the_editor_and_the_history()
    {
        var page = await _client.GetStringAsync($"/kb/{Slug}");

        Assert.Contains($"""href="/kb/{Slug}/edit">Edit</a>""", page);
        Assert.Contains($"""href="/kb/{Slug}/history">History</a>""", page);
    }

    [Fact]
    public async Task Preview_renders_the_markdown_and_names_the_front_matter_problem()
    {
        var valid = await _client.PostAsJsonAsync("/api/articles/preview", new { slug = Slug, text = Articles.Markdown(Slug, body: "Hello **preview** <script>alert(1)</script>") });
        var result = JsonDocument.Parse(await valid.Content.ReadAsStringAsync()).RootElement;
        Assert.Contains("<strong>preview</strong>", result.GetProperty("html").GetString());
        Assert.Contains("&lt;script&gt;", result.GetProperty("html").GetString());
        Assert.Equal(JsonValueKind.Null, result.GetProperty("problem").ValueKind);

        var invalid = await _client.PostAsJsonAsync("/api/articles/preview", new { slug = Slug, text = "---\nslug: other-name\ntitle: T\ncategory: diagnostic\n---\nBody" });
        var problem = JsonDocument.Parse(await invalid.Content.ReadAsStringAsync()).RootElement.GetProperty("problem").GetString();
        Assert.StartsWith("Front matter: ", problem);
        Assert.Contains("does not match the file name", problem);

        Assert.Equal(HttpStatusCode.NotFound, (await _client.PostAsJsonAsync("/api/articles/preview", new { slug = "no-such-article", text = "x" })).StatusCode);
    }

    [Fact]
    public async Task Unknown_articles_answer_404()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync("/kb/no-such-article/edit")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync("/kb/no-such-article/history")).StatusCode);
    }

    [Fact]
    public async Task Without_an_editor_sign_in_the_pages_and_the_preview_are_closed()
    {
        var anonymous = _app.CreateAnonymousClient();

        foreach (var url in new[] { $"/kb/{Slug}/edit", $"/kb/{Slug}/history" })
        {
            Assert.NotEqual(HttpStatusCode.OK, (await anonymous.GetAsync(url)).StatusCode);
        }
        Assert.NotEqual(HttpStatusCode.OK, (await anonymous.PostAsJsonAsync("/api/articles/preview", new { slug = Slug, text = "x" })).StatusCode);
        Assert.DoesNotContain($"/kb/{Slug}/edit", await _app.CreateClient().GetStringAsync($"/kb/{Slug}")); // a Responder
    }
}
