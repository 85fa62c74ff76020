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

/// <summary>The editor and history pages and the preview endpoint, through HTTP as a browser without script uses them.</summary>
public sealed partial class EditorPageTests : IAsyncLifetime
{
    private const string EditorName = "Eddie Editor";

    private const string Slug = "widget-timeouts";

    private readonly TempFolder _content = new();
    private readonly string _path;
    private readonly KbApp _app;
    private HttpClient _client = null!;

    public EditorPageTests()
    {
        _path = _content.Write($"diagnostics/{Slug}.md", Articles.Markdown(Slug, title: "Widget timeouts", body: "Widgets time out.\n\nCheck the widget pool."));
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

    /// <summary>Fills the form named <paramref name="formName"/> on the page like a browser: its hidden fields plus the given ones.</summary>
    private async Task<HttpResponseMessage> SubmitAsync(string pageUrl, string formName, Dictionary<string, string> fields)
    {
        var page = await _client.GetStringAsync(pageUrl);
        var form = Regex.Match(page, $"""<form[^>]*>(?:(?!</form>).)*name="_handler" value="{formName}"(?:(?!</form>).)*</form>""", RegexOptions.Singleline).Value;
        var values = HiddenField().Matches(form).ToDictionary(match => match.Groups[1].Value, match => WebUtility.HtmlDecode(match.Groups[2].Value));
        foreach (var (name, value) in fields)
        {
            values[name] = value;
        }
        var response = await _client.PostAsync(pageUrl, new FormUrlEncodedContent(values));
        return response.Headers.Location is { } location ? await _client.GetAsync(location) : response;
    }

    [GeneratedRegex(""""<input type="hidden" name="([^"]+)" value="([^"]*)"""")]
    private static partial Regex HiddenField();

    [Fact]
    public async Task The_editor_shows_the_file_in_a_labelled_textarea_with_its_preview()
    {
        var page = await _client.GetStringAsync($"/kb/{Slug}/edit");

        Assert.Contains("""<label for="article-markdown">Markdown</label>""", page);
        Assert.Contains("slug: widget-timeouts", page);
        Assert.Contains("<p>Check the widget pool.</p>", page);
        Assert.Contains("""<label for="revision-comment">Comment</label>""", page);
        Assert.Contains("Save article", page);
    }

    [Fact]
    public async Task Saving_the_form_redirects_to_the_article_showing_the_change()
    {
        var response = await SubmitAsync($"/kb/{Slug}/edit", "edit-article", new()
        {
            ["Text"] = Articles.Markdown(Slug, title: "Widget timeouts", body: "Check the gizmo pool."),
            ["Comment"] = "Gizmos, not widgets",
        });

        Assert.Equal($"/kb/{Slug}", response.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Contains("Check the gizmo pool.", await response.Content.ReadAsStringAsync());
        var history = await _app.Services.GetRequiredService<ArticleEditor>().HistoryAsync(Slug);
        Assert.Equal((EditorName, "Gizmos, not widgets"), (history[0].Revision.SavedBy, history[0].Revision.Comment));
    }

    [Fact]
    public async Task A_file_the_knowledge_base_refused_is_mended_from_the_problems_page()
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

        var response = await SubmitAsync($"/kb/{broken}/edit", "edit-article", new()
        {
            ["Text"] = "---\nslug: pool-exhaustion\ntitle: Pool exhaustion\ncategory: diagnostic\n---\nThe pool runs dry.",
        });

        Assert.Equal($"/kb/{broken}", response.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Contains("The pool runs dry.", await response.Content.ReadAsStringAsync());
        Assert.DoesNotContain(broken, await _client.GetStringAsync("/kb/problems"));
    }

    [Fact]
    public async Task A_refused_save_shows_the_reason_and_keeps_the_submitted_text()
    {
        var before = await File.ReadAllBytesAsync(_path);
        var text = "---\nslug: widget-timeouts\ntitle: Widget timeouts\ncategory: cause\n---\nMy unsaved words.";

        var response = await SubmitAsync($"/kb/{Slug}/edit", "edit-article", new() { ["Text"] = text });

        var page = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("""role="alert""", page);
        Assert.Contains("belongs in the folder", page);
        Assert.Contains("My unsaved words.", page);
        Assert.Equal(before, await File.ReadAllBytesAsync(_path));
    }

    [Fact]
    public async Task A_conflict_shows_what_differs_and_the_next_save_goes_over_the_other_change()
    {
        var page = await _client.GetStringAsync($"/kb/{Slug}/edit");
        var stamp = Regex.Match(page, """name="Stamp" value="([^"]+)""").Groups[1].Value;
        await File.WriteAllTextAsync(_path, Articles.Markdown(Slug, title: "Widget timeouts", body: "Someone else's words."));
        var mine = Articles.Markdown(Slug, title: "Widget timeouts", body: "My words.");

        var response = await SubmitAsync($"/kb/{Slug}/edit", "edit-article", new() { ["Text"] = mine, ["Stamp"] = stamp });

        var refused = await response.Content.ReadAsStringAsync();
        Assert.Contains("changed since you opened it", refused);
        Assert.Contains("<del>Someone else&#x27;s words.</del>", refused);
        Assert.Contains("<ins>My words.</ins>", refused);

        var newStamp = Regex.Match(refused, """name="Stamp" value="([^"]+)""").Groups[1].Value;
        await SubmitAsync($"/kb/{Slug}/edit", "edit-article", new() { ["Text"] = mine, ["Stamp"] = newStamp });
        Assert.Equal(mine, await File.ReadAllTextAsync(_path));
    }

    [Fact]
    public async Task History_shows_each_change_and_restores_a_revision()
    {
        var original = await File.ReadAllTextAsync(_path);
        await SubmitAsync($"/kb/{Slug}/edit", "edit-article", new() { ["Text"] = Articles.Markdown(Slug, title: "Widget timeouts", body: "Widgets time out.\n\nCheck the gadget pool.") });

        var history = await _client.GetStringAsync($"/kb/{Slug}/history");
        Assert.Contains("Revision 2", history);
        Assert.Contains("by " + EditorName, history);
        Assert.Contains("by content folder", history);
        Assert.Contains("<del>Check the widget pool.</del>", history);
        Assert.Contains("<ins>Check the gadget pool.</ins>", history);
        Assert.Matches(@"\d{4}-\d\d-\d\d \d\d:\d\d UTC", history);

        var response = await SubmitAsync($"/kb/{Slug}/history", "restore-revision", new() { ["Number"] = "1" });

        Assert.Contains("Restored revision 1", await response.Content.ReadAsStringAsync());
        Assert.Equal(original, await File.ReadAllTextAsync(_path));
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
