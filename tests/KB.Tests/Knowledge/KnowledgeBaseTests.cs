using KB.Web.Features.Knowledge;
using Microsoft.Extensions.DependencyInjection;

namespace KB.Tests.Knowledge;

/// <summary>Loading, reloading and search over a content folder of the test's own.</summary>
public sealed class KnowledgeBaseTests : IDisposable
{
    private readonly TempFolder _content = new();

    public void Dispose() => _content.Dispose();

    private string Write(string slug, string category = "diagnostic", string body = "Some text.", string extraFrontMatter = "") =>
        _content.Write($"{Articles.Folder(category)}/{slug}.md", Articles.Markdown(slug, category, $"Title of {slug}", body, extraFrontMatter));

    private static async Task<T> EventuallyAsync<T>(Func<T> read, Func<T, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var value = read();
            if (done(value) || DateTime.UtcNow > deadline)
            {
                return value;
            }
            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task A_broken_article_is_listed_with_its_error_and_left_out_of_the_index()
    {
        Write("healthy-article", body: "Widgets are fine.");
        _content.Write("diagnostics/broken-article.md", "---\ntitle: [unclosed\n---\nWidgets are broken.");
        using var app = new KbApp(_content.Path);
        var knowledgeBase = app.Services.GetRequiredService<KnowledgeBase>();

        Assert.Equal(["healthy-article"], knowledgeBase.Current.Articles.Select(article => article.Slug));
        var problem = Assert.Single(knowledgeBase.Current.Problems);
        Assert.Equal("diagnostics/broken-article.md", problem.Path);
        Assert.True(problem.IsError);
        var results = await app.Services.GetRequiredService<SearchIndex>().SearchAsync("widgets", SearchFilter.None, 10);
        Assert.Equal(["healthy-article"], results.Select(result => result.Slug));

        var page = await app.CreateClient().GetStringAsync("/kb/problems");
        Assert.Contains("diagnostics/broken-article.md", page);
        Assert.Contains("not valid YAML", page);
    }

    [Fact]
    public async Task Editing_adding_and_deleting_files_updates_the_index_without_a_restart()
    {
        var first = Write("first-article", body: "Gizmos everywhere.");
        using var app = new KbApp(_content.Path);
        var knowledgeBase = app.Services.GetRequiredService<KnowledgeBase>();
        var index = app.Services.GetRequiredService<SearchIndex>();
        async Task<List<string>> SearchAsync(string query) =>
            (await index.SearchAsync(query, SearchFilter.None, 10)).Select(result => result.Slug).ToList();

        Write("second-article", body: "Sprockets appear.");
        await EventuallyAsync(() => knowledgeBase.Current.Articles.Count, count => count == 2);
        Assert.Equal(["second-article"], await SearchAsync("sprockets"));

        await File.WriteAllTextAsync(first, Articles.Markdown("first-article", body: "Flanges now."));
        await EventuallyAsync(() => knowledgeBase.Current.Find("first-article")!.PlainText, text => text.Contains("Flanges"));
        Assert.Equal(["first-article"], await SearchAsync("flanges"));
        Assert.Empty(await SearchAsync("gizmos"));

        File.Delete(first);
        await EventuallyAsync(() => knowledgeBase.Current.Articles.Count, count => count == 1);
        Assert.Empty(await SearchAsync("flanges"));
    }

    [Fact]
    public async Task A_file_that_breaks_while_the_app_runs_drops_out_and_is_reported()
    {
        var path = Write("fragile-article", body: "Cogs.");
        using var app = new KbApp(_content.Path);
        var knowledgeBase = app.Services.GetRequiredService<KnowledgeBase>();

        await File.WriteAllTextAsync(path, "---\nslug: fragile-article\ntitle: Fragile\ncategory: nonsense\n---\nCogs.");
        var problems = await EventuallyAsync(() => knowledgeBase.Current.Problems, list => list.Count > 0);

        Assert.Contains("category 'nonsense'", Assert.Single(problems).Message);
        Assert.Empty(knowledgeBase.Current.Articles);
        Assert.Equal(200, (int)(await app.CreateClient().GetAsync("/kb")).StatusCode);
    }

    [Fact]
    public void Duplicate_slugs_and_missing_related_articles_are_reported()
    {
        Write("same-slug", extraFrontMatter: "related: [does-not-exist]");
        _content.Write("prevention/same-slug.md", Articles.Markdown("same-slug", "prevention"));
        using var app = new KbApp(_content.Path);
        var catalog = app.Services.GetRequiredService<KnowledgeBase>().Current;

        Assert.Single(catalog.Articles);
        Assert.Contains(catalog.Problems, problem => problem.IsError && problem.Message.Contains("already used by"));
        Assert.Contains(catalog.Problems, problem => !problem.IsError && problem.Message.Contains("'does-not-exist' does not exist"));
    }

    [Fact]
    public void A_tell_apart_check_from_a_cause_that_has_no_article_is_reported()
    {
        Write("firewall-blocked", "cause");
        Write("upstream-down", "cause", extraFrontMatter: "tell_apart: [{ from: firewall-blocked, check: 'nc -vz h 1', reading: 'r' }, { from: check-dns, check: 'dig x', reading: 'r' }]");
        using var app = new KbApp(_content.Path);
        var catalog = app.Services.GetRequiredService<KnowledgeBase>().Current;

        var problem = Assert.Single(catalog.Problems, problem => problem.Message.Contains("tell_apart"));
        Assert.Equal("The tell_apart check from 'check-dns' names no cause article.", problem.Message);
        Assert.Equal("causes/upstream-down.md", problem.Path);
    }

    [Fact]
    public async Task A_missing_content_folder_leaves_the_app_running_with_an_empty_knowledge_base()
    {
        using var app = new KbApp(_content.Combine("no-such-folder"));
        var client = app.CreateClient();

        Assert.Equal(200, (int)(await client.GetAsync("/kb")).StatusCode);
        Assert.Equal(200, (int)(await client.GetAsync("/healthz")).StatusCode);
        Assert.Equal("[]", await client.GetStringAsync("/api/search?q=dns"));
        Assert.Contains("does not exist", await client.GetStringAsync("/kb/problems"));
    }
}
