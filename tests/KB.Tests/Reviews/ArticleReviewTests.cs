using System.Net;
using KB.Tests.Editing;
using KB.Web.Data;
using KB.Web.Features.Audit;
using KB.Web.Features.Editing;
using KB.Web.Features.Knowledge;
using KB.Web.Features.Reviews;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KB.Tests.Reviews;

/// <summary>The review rules with KB:Editing:RequireReview on, for changes and new articles, on a real content folder and SQLite file.</summary>
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

    private ArticleCreator Creator => _app.Services.GetRequiredService<ArticleCreator>();

    private KnowledgeBase Knowledge => _app.Services.GetRequiredService<KnowledgeBase>();

    private string NewPath => _content.Combine("diagnostics", $"{NewArticles.Slug}.md");

    /// <summary>Proposes the new article of <see cref="NewArticles.Draft"/>.</summary>
    private async Task<int> ProposeArticleAsync(string who = "Ann")
    {
        var result = await Creator.CreateAsync(NewArticles.Draft(), who);
        Assert.Equal(SaveOutcome.Proposed, result.Outcome);
        return Assert.Single(await Reviews.PendingAsync(), proposal => proposal.ProposedBy == who).Id;
    }

    private async Task<List<string>> AuditActionsAsync(string slug = Slug)
    {
        await using var db = await _app.Services.GetRequiredService<IDbContextFactory<KbDb>>().CreateDbContextAsync();
        return await db.AuditEntries.Where(x => x.SubjectId == slug).OrderBy(x => x.Id).Select(x => x.Action).ToListAsync();
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

    [Fact]
    public async Task A_proposed_article_does_not_exist_until_approved_and_is_reviewed_as_all_new_text()
    {
        await ProposeArticleAsync();

        Assert.False(File.Exists(NewPath));
        Assert.Null(Knowledge.Current.Find(NewArticles.Slug));
        var client = _app.CreateClient();
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/kb/{NewArticles.Slug}")).StatusCode);
        Assert.DoesNotContain(NewArticles.Slug, await client.GetStringAsync("/api/search?q=zebrafish"));
        var review = Assert.Single(await Reviews.PendingReviewsAsync());
        Assert.Equal((true, false, NewArticles.Title), (review.IsNewArticle, review.IsStale, review.Title));
        Assert.Equal(0, review.Diff.Removed);
        Assert.Contains(review.Diff.Rows, row => row.Kind == DiffRowKind.Added && row.Text == "slug: read-gizmo-logs");
        Assert.DoesNotContain(review.Diff.Rows, row => row.Kind != DiffRowKind.Added);
        Assert.Equal([AuditActions.ArticleProposed], await AuditActionsAsync(NewArticles.Slug));
    }

    [Fact]
    public async Task Another_editor_approves_it_and_it_is_written_indexed_and_recorded()
    {
        var id = await ProposeArticleAsync();

        var result = await Editor.ApproveAsync(id, "Bob");

        Assert.Equal(SaveOutcome.Saved, result.Outcome);
        Assert.Contains("gizmoctl logs --502", await File.ReadAllTextAsync(NewPath));
        Assert.Contains("\"slug\":\"read-gizmo-logs\"", await _app.CreateClient().GetStringAsync("/api/search?q=zebrafish"));
        var revision = Assert.Single(await Editor.HistoryAsync(NewArticles.Slug)).Revision;
        Assert.Equal((1, "Ann", "Bob", DateTime.UtcNow.Date), (revision.Number, revision.SavedBy, revision.ApprovedBy, revision.SavedAt.Date));
        Assert.Empty(await Reviews.PendingAsync());
        Assert.Equal([AuditActions.ArticleProposed, AuditActions.ArticleApproved, AuditActions.ArticleCreated], await AuditActionsAsync(NewArticles.Slug));
        Assert.Equal(SaveOutcome.NotPending, (await Editor.ApproveAsync(id, "Cid")).Outcome);
    }

    [Fact]
    public async Task Nobody_approves_their_own_article()
    {
        var id = await ProposeArticleAsync();

        Assert.Equal(SaveOutcome.OwnChange, (await Editor.ApproveAsync(id, "ann")).Outcome);
        Assert.NotNull(await Reviews.SendBackAsync(id, "Ann", "Not good"));

        Assert.False(File.Exists(NewPath));
        Assert.Single(await Reviews.PendingAsync());
    }

    [Fact]
    public async Task Sent_back_its_author_sees_it_revises_it_and_proposes_it_again()
    {
        var id = await ProposeArticleAsync();

        Assert.Null(await Reviews.SendBackAsync(id, "Bob", "Name the log path."));

        var sentBack = Assert.Single(await Reviews.SentBackToAsync("Ann"));
        Assert.Equal((true, "Name the log path."), (sentBack.IsNewArticle, sentBack.ReviewComment));
        Assert.Equal(ProposalStatus.SentBack, Assert.Single(await Reviews.NewArticlesByAsync("Ann")).Status);
        Assert.Null(await Creator.DraftOfProposalAsync(id, "Bob"));
        var draft = (await Creator.DraftOfProposalAsync(id, "Ann"))!;
        Assert.Equal((NewArticles.Title, NewArticles.Slug, "diagnostic", "gizmo, logs", NewArticles.Summary, NewArticles.Body, (int?)id),
            (draft.Title, draft.Slug, draft.Category, draft.Tags, draft.Summary, draft.Body, draft.Revises));

        draft.Body += "\n\nThe logs are in /var/log/gizmo.";
        Assert.Equal(SaveOutcome.Proposed, (await Creator.CreateAsync(draft, "Ann")).Outcome);

        Assert.Empty(await Reviews.SentBackToAsync("Ann"));
        Assert.Contains("/var/log/gizmo", Assert.Single(await Reviews.PendingAsync()).Text);
        Assert.False(File.Exists(NewPath));
        Assert.Equal([AuditActions.ArticleProposed, AuditActions.ArticleSentBack, AuditActions.ArticleProposed], await AuditActionsAsync(NewArticles.Slug));
    }

    [Fact]
    public async Task A_slug_another_editor_proposed_is_refused_and_an_article_that_took_it_meanwhile_makes_the_proposal_stale()
    {
        var id = await ProposeArticleAsync("Ann");

        var second = await Creator.CreateAsync(NewArticles.Draft(), "Cid");
        Assert.Equal(SaveOutcome.Invalid, second.Outcome);
        Assert.Contains("Ann has proposed an article with this slug", second.Problems.Slug);

        _content.Write($"diagnostics/{NewArticles.Slug}.md", Articles.Markdown(NewArticles.Slug, title: "Written meanwhile"));
        await Knowledge.ReloadAsync();
        Assert.True(Assert.Single(await Reviews.PendingReviewsAsync()).IsStale);

        var result = await Editor.ApproveAsync(id, "Bob");

        Assert.Equal(SaveOutcome.Stale, result.Outcome);
        Assert.Contains("Written meanwhile", await File.ReadAllTextAsync(NewPath));
        Assert.Single(await Reviews.PendingAsync());
    }
}
