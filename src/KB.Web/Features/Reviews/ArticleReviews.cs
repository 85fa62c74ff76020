using KB.Web.Data;
using KB.Web.Features.Audit;
using KB.Web.Features.Editing;
using KB.Web.Features.Knowledge;
using Microsoft.EntityFrameworkCore;

namespace KB.Web.Features.Reviews;

/// <summary>The proposals waiting for review, and sending one back to its author; approving goes through <see cref="ArticleEditor.ApproveAsync"/>.</summary>
public sealed class ArticleReviews(ArticleEditor editor, ArticleCreator creator, KnowledgeBase knowledgeBase, IDbContextFactory<KbDb> dbFactory, TimeProvider clock)
{
    public const int MaxReviewCommentLength = 500;

    public async Task<IReadOnlyList<ArticleProposal>> PendingAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.ArticleProposals.AsNoTracking().Where(x => x.Status == ProposalStatus.Pending).OrderBy(x => x.ProposedAt).ToListAsync(cancellationToken);
    }

    public async Task<int> PendingCountAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.ArticleProposals.CountAsync(x => x.Status == ProposalStatus.Pending, cancellationToken);
    }

    /// <summary>The author's proposals that were sent back, with the reviewer's comment, newest first.</summary>
    public async Task<IReadOnlyList<ArticleProposal>> SentBackToAsync(string author, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.ArticleProposals.AsNoTracking().Where(x => x.Status == ProposalStatus.SentBack && x.ProposedBy == author)
            .OrderByDescending(x => x.ReviewedAt).ToListAsync(cancellationToken);
    }

    /// <summary>A proposal with its changes against the article as it is now, and whether the article changed since.</summary>
    public async Task<ProposalReview?> FindAsync(int id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var proposal = await db.ArticleProposals.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, cancellationToken);
        return proposal is null ? null : await ReviewOfAsync(proposal, cancellationToken);
    }

    /// <summary>Every proposal waiting for review, oldest first, each as a reviewer reads it.</summary>
    public async Task<IReadOnlyList<ProposalReview>> PendingReviewsAsync(CancellationToken cancellationToken = default)
    {
        var reviews = new List<ProposalReview>();
        foreach (var proposal in await PendingAsync(cancellationToken))
        {
            reviews.Add(await ReviewOfAsync(proposal, cancellationToken));
        }
        return reviews;
    }

    /// <summary>The author's proposed new articles still waiting for review or sent back to them, newest first.</summary>
    public async Task<IReadOnlyList<ArticleProposal>> NewArticlesByAsync(string author, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.ArticleProposals.AsNoTracking()
            .Where(x => x.ProposedBy == author && x.BaseStamp == ArticleProposal.NewArticleStamp && (x.Status == ProposalStatus.Pending || x.Status == ProposalStatus.SentBack))
            .OrderByDescending(x => x.ProposedAt).ToListAsync(cancellationToken);
    }

    private async Task<ProposalReview> ReviewOfAsync(ArticleProposal proposal, CancellationToken cancellationToken)
    {
        if (proposal.IsNewArticle)
        {
            // Nothing to compare with: the whole text is new. It is stale once its slug was taken meanwhile.
            var proposedTitle = ArticleParser.Parse(proposal.Text, proposal.SourcePath).Article?.Title ?? proposal.Slug;
            return new ProposalReview(proposal, proposedTitle, LineDiff.AllAdded(proposal.Text), IsStale: creator.IsTaken(proposal.Slug));
        }
        var current = await editor.LoadAsync(proposal.Slug, cancellationToken);
        var title = knowledgeBase.Current.Find(proposal.Slug)?.Title ?? proposal.Slug;
        return new ProposalReview(proposal, title, LineDiff.Between(current?.Text ?? "", proposal.Text), IsStale: current is null || current.Stamp != proposal.BaseStamp);
    }

    /// <summary>Returns the proposal to its author with the reviewer's reason; the article is not touched.</summary>
    public async Task<string?> SendBackAsync(int id, string reviewer, string? comment, CancellationToken cancellationToken = default)
    {
        comment = comment?.Trim();
        if (string.IsNullOrEmpty(comment))
        {
            return "Say what needs to change: the comment is what its author reads.";
        }
        if (LengthLimit.Problem(comment, MaxReviewCommentLength, "The comment") is { } tooLong)
        {
            return tooLong;
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var proposal = await db.ArticleProposals.AsTracking().FirstOrDefaultAsync(x => x.Id == id, cancellationToken);
        if (proposal is null || proposal.Status != ProposalStatus.Pending)
        {
            return "This proposal is no longer waiting for review.";
        }
        if (string.Equals(proposal.ProposedBy, reviewer, StringComparison.OrdinalIgnoreCase))
        {
            return "You proposed this change: another editor reviews it.";
        }
        var now = clock.GetUtcNow().UtcDateTime;
        proposal.Status = ProposalStatus.SentBack;
        proposal.ReviewedBy = reviewer;
        proposal.ReviewedAt = now;
        proposal.ReviewComment = comment;
        db.AuditEntries.Add(AuditEntry.Of(now, reviewer, AuditActions.ArticleSentBack, AuditSubjects.Article, proposal.Slug,
            $"{proposal.Slug}: proposal {proposal.Id} by {proposal.ProposedBy} sent back: {comment}",
            new { Proposal = proposal.Id, Status = "pending" }, new { Proposal = proposal.Id, Status = "sent back", Comment = comment }));
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }
}

/// <summary>A proposal as a reviewer reads it: <paramref name="IsStale"/> when the article changed since it was proposed.</summary>
public sealed record ProposalReview(ArticleProposal Proposal, string Title, LineDiff Diff, bool IsStale)
{
    public bool IsNewArticle => Proposal.IsNewArticle;
}
