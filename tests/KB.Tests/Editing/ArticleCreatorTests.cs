using System.Net;
using KB.Web.Data;
using KB.Web.Features.Audit;
using KB.Web.Features.Editing;
using KB.Web.Features.Knowledge;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KB.Tests.Editing;

/// <summary>Creating an article with review off, on a real content folder and SQLite file.</summary>
public sealed class ArticleCreatorTests : IDisposable
{
    private readonly TempFolder _content = new();
    private readonly KbApp _app;

    public ArticleCreatorTests()
    {
        _content.Write("diagnostics/check-widgets.md", Articles.Markdown("check-widgets", title: "Check widgets"));
        _content.Write("causes/upstream-down.md", Articles.Markdown("upstream-down", category: "cause", title: "Upstream down"));
        _app = new KbApp(_content.Path);
        _ = _app.Server;
    }

    public void Dispose()
    {
        _app.Dispose();
        _content.Dispose();
    }

    private ArticleCreator Creator => _app.Services.GetRequiredService<ArticleCreator>();

    private KnowledgeBase KnowledgeBase => _app.Services.GetRequiredService<KnowledgeBase>();

    private string NewPath => _content.Combine("diagnostics", $"{NewArticles.Slug}.md");

    private string[] Files() => Directory.GetFiles(_content.Path, "*", SearchOption.AllDirectories).Order().ToArray();

    [Fact]
    public async Task Creating_writes_the_file_in_the_article_format_and_search_finds_it_at_once()
    {
        var result = await Creator.CreateAsync(NewArticles.Draft(), "Eddie");

        Assert.Equal((SaveOutcome.Saved, "Created as revision 1."), (result.Outcome, result.Message));
        Assert.Equal(
            "---\nslug: read-gizmo-logs\ntitle: \"Read the gizmo proxy's logs: a \\\"how to\\\"\"\ncategory: diagnostic\ntags: [gizmo, logs]\n"
            + $"summary: \"{NewArticles.Summary}\"\n---\n{NewArticles.Body}\n",
            await File.ReadAllTextAsync(NewPath));
        var article = KnowledgeBase.Current.Find(NewArticles.Slug)!;
        Assert.Equal((NewArticles.Title, ArticleCategory.Diagnostic, NewArticles.Summary), (article.Title, article.Category, article.Summary));
        Assert.Equal(new[] { "gizmo", "logs" }, article.Tags);
        Assert.Contains("\"slug\":\"read-gizmo-logs\"", await _app.CreateClient().GetStringAsync("/api/search?q=zebrafish"));
        Assert.DoesNotContain(Files(), file => file.EndsWith(".tmp", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_first_revision_is_recorded_the_creation_audited_and_the_page_answers()
    {
        await Creator.CreateAsync(NewArticles.Draft(), "Eddie");

        var revision = Assert.Single(await _app.Services.GetRequiredService<ArticleEditor>().HistoryAsync(NewArticles.Slug)).Revision;
        Assert.Equal((1, "Eddie", (string?)null, (string?)ArticleCreator.FirstRevisionComment), (revision.Number, revision.SavedBy, revision.ApprovedBy, revision.Comment));
        Assert.Equal(await File.ReadAllTextAsync(NewPath), revision.Text);
        await using var db = await _app.Services.GetRequiredService<IDbContextFactory<KbDb>>().CreateDbContextAsync();
        var audit = await db.AuditEntries.Where(x => x.SubjectId == NewArticles.Slug).ToListAsync();
        Assert.Equal((AuditActions.ArticleCreated, "Eddie"), (Assert.Single(audit).Action, audit[0].Actor));
        var page = await _app.CreateClient().GetAsync($"/kb/{NewArticles.Slug}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("gizmoctl logs --502", await page.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("", "Give the article a slug")]
    [InlineData("Read-Logs", "Use lowercase letters, digits and single hyphens")]
    [InlineData("read--logs", "Use lowercase letters, digits and single hyphens")]
    [InlineData("new", "/kb/new is a page of the knowledge base itself")]
    [InlineData("problems", "/kb/problems is a page of the knowledge base itself")]
    [InlineData("upstream-timeout", "'upstream-timeout' is a cause. Cause articles are a fixed set")]
    [InlineData("upstream-down", "'upstream-down' is a cause. Cause articles are a fixed set")]
    [InlineData("check-widgets", "An article has this slug already: “Check widgets”")]
    public async Task A_slug_that_cannot_be_used_is_refused_with_its_reason_and_nothing_is_written(string slug, string reason)
    {
        var before = Files();

        var result = await Creator.CreateAsync(NewArticles.Draft(slug: slug), "Eddie");

        Assert.Equal(SaveOutcome.Invalid, result.Outcome);
        Assert.Contains(reason, result.Problems.Slug);
        Assert.Equal(NewArticleProblems.None, result.Problems with { Slug = null });
        Assert.Equal(before, Files());
    }

    [Fact]
    public async Task A_file_in_another_folder_or_refused_by_the_loader_keeps_its_slug()
    {
        _content.Write("prevention/broken-one.md", "---\nslug: broken-one\ntitle: Broken\ncategory: nonsense\n---\nText.");
        await KnowledgeBase.ReloadAsync();

        var result = await Creator.CreateAsync(NewArticles.Draft(slug: "broken-one"), "Eddie");

        Assert.Contains("A file with this slug is in the content folder already", result.Problems.Slug);
        Assert.False(File.Exists(_content.Combine("diagnostics", "broken-one.md")));
    }

    [Fact]
    public async Task A_cause_category_empty_fields_and_bad_tags_are_each_named()
    {
        var result = await Creator.CreateAsync(new NewArticleDraft { Title = " ", Slug = "fine-slug", Category = "cause", Tags = "dns, load balancing", Summary = "", Body = "\n \n" }, "Eddie");

        Assert.Equal(SaveOutcome.Invalid, result.Outcome);
        Assert.Equal("Give the article a title.", result.Problems.Title);
        Assert.Contains("A new article is not a cause", result.Problems.Category);
        Assert.Contains("'load balancing' is not (try 'load-balancing')", result.Problems.Tags);
        Assert.Contains("Write one sentence", result.Problems.Summary);
        Assert.Contains("Write the article", result.Problems.Body);
        Assert.Null(result.Problems.Slug);
        Assert.False(File.Exists(_content.Combine("causes", "fine-slug.md")));
    }

    [Fact]
    public async Task Line_breaks_in_a_title_and_an_over_long_summary_cannot_bend_the_front_matter()
    {
        var tooLong = await Creator.CreateAsync(NewArticles.Draft(summary: new string('s', ArticleCreator.MaxSummaryLength + 1)), "Eddie");
        Assert.Contains($"The summary can be at most {ArticleCreator.MaxSummaryLength}", tooLong.Problems.Summary);

        var result = await Creator.CreateAsync(NewArticles.Draft(title: "Gizmo\ncategory: cause\u2028# not a comment"), "Eddie");

        Assert.Equal(SaveOutcome.Saved, result.Outcome);
        var article = KnowledgeBase.Current.Find(NewArticles.Slug)!;
        Assert.Equal(("Gizmo category: cause # not a comment", ArticleCategory.Diagnostic), (article.Title, article.Category));
    }

    [Fact]
    public async Task Script_in_the_body_stays_inert_on_the_article_page()
    {
        await Creator.CreateAsync(NewArticles.Draft(body: "Hello <script>alert(1)</script> [x](javascript:alert(2)) <img src=x onerror=alert(3)>"), "Eddie");

        var html = await _app.CreateClient().GetStringAsync($"/kb/{NewArticles.Slug}");
        Assert.Contains("&lt;script&gt;alert(1)", html);
        Assert.DoesNotContain("<script>alert", html);
        Assert.DoesNotContain("href=\"javascript:", html);
        Assert.DoesNotContain("<img src=\"x\"", html);
    }

    [Fact]
    public void A_slug_is_made_from_the_title()
    {
        Assert.Equal("read-the-gizmo-proxy-s-logs-a-how-to", ArticleCreator.SlugFrom(NewArticles.Title));
        Assert.Equal("cafe-502s-uber-alles", ArticleCreator.SlugFrom("  Café 502s über alles! "));
        Assert.Equal(ArticleCreator.MaxSlugLength, ArticleCreator.SlugFrom(new string('a', 200)).Length);
    }
}
