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

/// <summary>New articles with KB:Editing:RequireReview on: proposed, invisible until another editor approves, or sent back.</summary>
public sealed class NewArticleReviewTests : IDisposable
{
    private readonly TempFolder _content = new();
    private readonly KbApp _app;

    public NewArticleReviewTests()
    {
        _content.Write("diagnostics/check-widgets.md", Articles.Markdown("check-widgets", title: "Check widgets"));
        _app = new KbApp(_content.Path, new() { [ArticleEditor.RequireReviewKey] = "true" });
        _ = _app.Server;
    }

    public void Dispose()
    {
        _app.Dispose();
        _content.Dispose();
    }

    private ArticleCreator Creator => _app.Services.GetRequiredService<ArticleCreator>();

    private ArticleEditor Editor => _app.Services.GetRequiredService<ArticleEditor>();

    private ArticleReviews Reviews => _app.Services.GetRequiredService<ArticleReviews>();

    private KnowledgeBase KnowledgeBase => _app.Services.GetRequiredService<KnowledgeBase>();

    private string NewPath => _content.Combine("diagnostics", $"{NewArticles.Slug}.md");

    private async Task<int> ProposeAsync(string who = "Ann")
    {
        var result = await Creator.CreateAsync(NewArticles.Draft(), who);
        Assert.Equal(SaveOutcome.Proposed, result.Outcome);
        return Assert.Single(await Reviews.PendingAsync(), proposal => proposal.ProposedBy == who).Id;
    }

    private async Task<List<string>> AuditActionsAsync()
    {
        await using var db = await _app.Services.GetRequiredService<IDbContextFactory<KbDb>>().CreateDbContextAsync();
        return await db.AuditEntries.Where(x => x.SubjectId == NewArticles.Slug).OrderBy(x => x.Id).Select(x => x.Action).ToListAsync();
    }

    [Fact]
    public async Task A_proposed_article_does_not_exist_until_approved_and_is_reviewed_as_all_new_text()
    {
        await ProposeAsync();

        Assert.False(File.Exists(NewPath));
        Assert.Null(KnowledgeBase.Current.Find(NewArticles.Slug));
        var client = _app.CreateClient();
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/kb/{NewArticles.Slug}")).StatusCode);
        Assert.DoesNotContain(NewArticles.Slug, await client.GetStringAsync("/api/search?q=zebrafish"));
        var review = Assert.Single(await Reviews.PendingReviewsAsync());
        Assert.Equal((true, false, NewArticles.Title), (review.IsNewArticle, review.IsStale, review.Title));
        Assert.Equal(0, review.Diff.Removed);
        Assert.Contains(review.Diff.Rows, row => row.Kind == DiffRowKind.Added && row.Text == "slug: read-gizmo-logs");
        Assert.DoesNotContain(review.Diff.Rows, row => row.Kind != DiffRowKind.Added);
        Assert.Equal([AuditActions.ArticleProposed], await AuditActionsAsync());
    }

    [Fact]
    public async Task Another_editor_approves_it_and_it_is_written_indexed_and_recorded()
    {
        var id = await ProposeAsync();

        var result = await Editor.ApproveAsync(id, "Bob");

        Assert.Equal(SaveOutcome.Saved, result.Outcome);
        Assert.Contains("gizmoctl logs --502", await File.ReadAllTextAsync(NewPath));
        Assert.Contains("\"slug\":\"read-gizmo-logs\"", await _app.CreateClient().GetStringAsync("/api/search?q=zebrafish"));
        var revision = Assert.Single(await Editor.HistoryAsync(NewArticles.Slug)).Revision;
        Assert.Equal((1, "Ann", "Bob", DateTime.UtcNow.Date), (revision.Number, revision.SavedBy, revision.ApprovedBy, revision.SavedAt.Date));
        Assert.Empty(await Reviews.PendingAsync());
        Assert.Equal([AuditActions.ArticleProposed, AuditActions.ArticleApproved, AuditActions.ArticleCreated], await AuditActionsAsync());
        Assert.Equal(SaveOutcome.NotPending, (await Editor.ApproveAsync(id, "Cid")).Outcome);
    }

    [Fact]
    public async Task Nobody_approves_their_own_article()
    {
        var id = await ProposeAsync();

        Assert.Equal(SaveOutcome.OwnChange, (await Editor.ApproveAsync(id, "ann")).Outcome);
        Assert.NotNull(await Reviews.SendBackAsync(id, "Ann", "Not good"));

        Assert.False(File.Exists(NewPath));
        Assert.Single(await Reviews.PendingAsync());
    }

    [Fact]
    public async Task Sent_back_its_author_sees_it_revises_it_and_proposes_it_again()
    {
        var id = await ProposeAsync();

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
        Assert.Equal([AuditActions.ArticleProposed, AuditActions.ArticleSentBack, AuditActions.ArticleProposed], await AuditActionsAsync());
    }

    [Fact]
    public async Task A_slug_another_editor_proposed_is_refused_and_an_article_that_took_it_meanwhile_makes_the_proposal_stale()
    {
        var id = await ProposeAsync("Ann");

        var second = await Creator.CreateAsync(NewArticles.Draft(), "Cid");
        Assert.Equal(SaveOutcome.Invalid, second.Outcome);
        Assert.Contains("Ann has proposed an article with this slug", second.Problems.Slug);

        _content.Write($"diagnostics/{NewArticles.Slug}.md", Articles.Markdown(NewArticles.Slug, title: "Written meanwhile"));
        await KnowledgeBase.ReloadAsync();
        Assert.True(Assert.Single(await Reviews.PendingReviewsAsync()).IsStale);

        var result = await Editor.ApproveAsync(id, "Bob");

        Assert.Equal(SaveOutcome.Stale, result.Outcome);
        Assert.Contains("Written meanwhile", await File.ReadAllTextAsync(NewPath));
        Assert.Single(await Reviews.PendingAsync());
    }
}
