using KB.Web.Data;
using KB.Web.Features.Audit;
using KB.Web.Features.Editing;
using KB.Web.Features.Knowledge;
using KB.Web.Features.Reviews;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KB.Tests.Reviews;

/// <summary>The review rules with KB:Editing:RequireReview on, on a real content folder and SQLite file.</summary>
public sealed class ArticleReviewTests : IDisposable
{
    private const string Slug = "widget-timeouts";

    private readonly TempFolder _content = new();
    private readonly string _path;
    private readonly string _original;
    private readonly KbApp _app;

    public ArticleReviewTests()
    {
        _original = Articles.Markdown(Slug, body: "Widgets time out.");
        _path = _content.Write($"diagnostics/{Slug}.md", _original);
        _app = new KbApp(_content.Path, new() { [ArticleEditor.RequireReviewKey] = "true" });
        _ = _app.Server;
    }

    public void Dispose()
    {
        _app.Dispose();
        _content.Dispose();
    }

    private ArticleEditor Editor => _app.Services.GetRequiredService<ArticleEditor>();

    private ArticleReviews Reviews => _app.Services.GetRequiredService<ArticleReviews>();

    private async Task<int> ProposeAsync(string body, string who = "Ann")
    {
        var draft = await Editor.LoadAsync(Slug);
        var result = await Editor.SaveAsync(Slug, Articles.Markdown(Slug, body: body), draft!.Stamp, who, "Say why");
        Assert.Equal(SaveOutcome.Proposed, result.Outcome);
        return Assert.Single(await Reviews.PendingAsync(), proposal => proposal.ProposedBy == who).Id;
    }

    private async Task<List<string>> AuditActionsAsync()
    {
        await using var db = await _app.Services.GetRequiredService<IDbContextFactory<KbDb>>().CreateDbContextAsync();
        return await db.AuditEntries.Where(x => x.SubjectId == Slug).OrderBy(x => x.Id).Select(x => x.Action).ToListAsync();
    }

    [Fact]
    public async Task A_save_is_held_as_a_proposal_and_the_article_stays_as_it_was()
    {
        await ProposeAsync("Widgets time out under load.");

        Assert.Equal(_original, await File.ReadAllTextAsync(_path));
        Assert.Empty(await Editor.HistoryAsync(Slug));
        Assert.Equal([AuditActions.ArticleProposed], await AuditActionsAsync());
    }

    [Fact]
    public async Task Approving_publishes_through_the_save_path_and_re_indexes()
    {
        var id = await ProposeAsync("Widgets time out under gizmoload.");

        var result = await Editor.ApproveAsync(id, "Bob");

        Assert.Equal(SaveOutcome.Saved, result.Outcome);
        Assert.Contains("gizmoload", await File.ReadAllTextAsync(_path));
        Assert.Contains("gizmoload", _app.Services.GetRequiredService<KnowledgeBase>().Current.Find(Slug)!.PlainText);
        var latest = (await Editor.HistoryAsync(Slug))[0].Revision;
        Assert.Equal(("Ann", "Bob", DateTime.UtcNow.Date), (latest.SavedBy, latest.ApprovedBy, latest.SavedAt.Date));
        Assert.Empty(await Reviews.PendingAsync());
        Assert.Equal([AuditActions.ArticleProposed, AuditActions.ArticleApproved, AuditActions.ArticleSaved], await AuditActionsAsync());
    }

    [Fact]
    public async Task Nobody_approves_their_own_change()
    {
        var id = await ProposeAsync("My own change.");

        var result = await Editor.ApproveAsync(id, "ann");

        Assert.Equal(SaveOutcome.OwnChange, result.Outcome);
        Assert.Equal(_original, await File.ReadAllTextAsync(_path));
        Assert.NotNull(await Reviews.SendBackAsync(id, "Ann", "Not good"));
        Assert.Single(await Reviews.PendingAsync());
    }

    [Fact]
    public async Task A_proposal_on_an_article_changed_since_is_stale_and_refused()
    {
        var id = await ProposeAsync("Proposed change.");
        var theirs = Articles.Markdown(Slug, body: "Changed in the folder meanwhile.");
        await File.WriteAllTextAsync(_path, theirs);

        Assert.True((await Reviews.FindAsync(id))!.IsStale);
        var result = await Editor.ApproveAsync(id, "Bob");

        Assert.Equal(SaveOutcome.Stale, result.Outcome);
        Assert.Contains("changed since this change was proposed", result.Message);
        Assert.Equal(theirs, await File.ReadAllTextAsync(_path));
        Assert.Single(await Reviews.PendingAsync());
    }

    [Fact]
    public async Task Sending_back_needs_a_comment_keeps_the_article_and_the_author_sees_it()
    {
        var id = await ProposeAsync("Half-done change.");

        Assert.NotNull(await Reviews.SendBackAsync(id, "Bob", "  "));
        Assert.Null(await Reviews.SendBackAsync(id, "Bob", "Name the pool size."));

        Assert.Equal(_original, await File.ReadAllTextAsync(_path));
        Assert.Empty(await Reviews.PendingAsync());
        var sentBack = Assert.Single(await Reviews.SentBackToAsync("Ann"));
        Assert.Equal(("Bob", "Name the pool size."), (sentBack.ReviewedBy, sentBack.ReviewComment));
        Assert.Equal(SaveOutcome.NotPending, (await Editor.ApproveAsync(id, "Bob")).Outcome);

        await ProposeAsync("Done change, pool size 64.");
        Assert.Empty(await Reviews.SentBackToAsync("Ann"));
        Assert.Equal([AuditActions.ArticleProposed, AuditActions.ArticleSentBack, AuditActions.ArticleProposed], await AuditActionsAsync());
    }
}
