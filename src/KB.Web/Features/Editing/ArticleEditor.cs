using System.Text;
using KB.Web.Data;
using KB.Web.Features.Audit;
using KB.Web.Features.Knowledge;
using KB.Web.Features.Nodes;
using KB.Web.Features.Reviews;
using Microsoft.EntityFrameworkCore;

namespace KB.Web.Features.Editing;

/// <summary>
/// Saves articles edited in the browser: checks them as loading does, writes the file atomically, records a revision
/// and reloads the knowledge base, so the article page and search show the new text as soon as the save returns.
/// </summary>
public sealed class ArticleEditor(KnowledgeBase knowledgeBase, ArticleCreator creator, IDbContextFactory<KbDb> dbFactory, IPeerNodes peers, IConfiguration configuration, TimeProvider clock)
{
    public const string RequireReviewKey = "KB:Editing:RequireReview";

    public const int MaxTextBytes = 256 * 1024;
    public const int MaxCommentLength = 200;
    public const string ContentFolderAuthor = "content folder";

    // One save at a time, so that the stamp check and the write cannot interleave with another save.
    private readonly SemaphoreSlim _saving = new(1, 1);

    /// <summary>With KB:Editing:RequireReview on, a save is held as a proposal until another editor approves it.</summary>
    public bool RequiresReview => configuration.GetValue(RequireReviewKey, false);

    /// <summary>
    /// The file behind a slug: a loaded article's, or else a Markdown file named after the slug that the loader refused
    /// (it is listed on /kb/problems), so that a file broken outside the app can be mended here. Null when neither exists.
    /// </summary>
    public EditableArticle? Find(string slug)
    {
        var catalog = knowledgeBase.Current;
        if (catalog.Find(slug) is { } article)
        {
            return new EditableArticle(article.Slug, article.Title, article.SourcePath, IsRefused: false);
        }
        var refused = catalog.Problems.FirstOrDefault(problem => problem.IsError && problem.ArticleSlug == slug);
        return refused is null ? null : new EditableArticle(slug, slug, refused.Path, IsRefused: true);
    }

    /// <summary>The article's file as it is on disk, or null when there is no such article.</summary>
    public async Task<ArticleDraft?> LoadAsync(string slug, CancellationToken cancellationToken = default)
    {
        if (Find(slug) is not { } article || await ReadAsync(article, cancellationToken) is not { } text)
        {
            return null;
        }
        return new ArticleDraft(article, text, ArticleParser.Fingerprint(text));
    }

    /// <summary>The text rendered by the app's Markdown pipeline, and what would stop it from being saved.</summary>
    public ArticlePreview? Preview(string slug, string text)
    {
        if (Find(slug) is not { } article)
        {
            return null;
        }
        text = NormaliseLineEndings(text);
        return new ArticlePreview(MarkdownRenderer.Render(text).Html, Problem(article, text));
    }

    /// <param name="expectedStamp">The <see cref="ArticleDraft.Stamp"/> of the text the editor started from.</param>
    public async Task<SaveResult> SaveAsync(string slug, string text, string expectedStamp, string who, string? comment, CancellationToken cancellationToken = default)
    {
        if (Find(slug) is not { } article)
        {
            return SaveResult.NotFound;
        }
        text = NormaliseLineEndings(text);
        comment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        if (SizeProblem(text) is { } tooLarge)
        {
            return new SaveResult(SaveOutcome.TooLarge, tooLarge);
        }
        if (comment?.Length > MaxCommentLength)
        {
            return new SaveResult(SaveOutcome.CommentTooLong, LengthLimit.Problem(comment, MaxCommentLength, "The comment")!);
        }
        if (FrontMatterProblem(article, text) is { } invalid)
        {
            return new SaveResult(SaveOutcome.Invalid, invalid);
        }

        return RequiresReview
            ? await ProposeAsync(article, text, expectedStamp, who, comment, cancellationToken)
            : await PublishAsync(article, text, expectedStamp, who, comment, approval: null, cancellationToken);
    }

    /// <summary>
    /// Publishes an approved proposal the way a save does (a proposed new article the way it is created). Refused when
    /// the article changed since it was proposed (it is stale), when the reviewer is its author, or when it is no longer
    /// waiting for review.
    /// </summary>
    public async Task<SaveResult> ApproveAsync(int proposalId, string reviewer, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var proposal = await db.ArticleProposals.AsNoTracking().FirstOrDefaultAsync(x => x.Id == proposalId, cancellationToken);
        if (proposal is { IsNewArticle: true })
        {
            return await creator.ApproveAsync(proposal, reviewer, cancellationToken);
        }
        if (proposal is null || Find(proposal.Slug) is not { } article)
        {
            return SaveResult.NotFound;
        }
        if (proposal.Status != ProposalStatus.Pending)
        {
            return new SaveResult(SaveOutcome.NotPending, "This proposal is no longer waiting for review.");
        }
        if (string.Equals(proposal.ProposedBy, reviewer, StringComparison.OrdinalIgnoreCase))
        {
            return new SaveResult(SaveOutcome.OwnChange, "You proposed this change: another editor has to approve it.");
        }
        return await PublishAsync(article, proposal.Text, proposal.BaseStamp, proposal.ProposedBy, proposal.Comment, new Approval(proposal.Id, reviewer), cancellationToken);
    }

    private async Task<SaveResult> PublishAsync(EditableArticle article, string text, string expectedStamp, string who, string? comment, Approval? approval, CancellationToken cancellationToken)
    {
        int number;
        await _saving.WaitAsync(cancellationToken);
        try
        {
            if (await ReadAsync(article, cancellationToken) is not { } onDisk)
            {
                return SaveResult.NotFound;
            }
            if (ArticleParser.Fingerprint(onDisk) != expectedStamp)
            {
                return approval is null
                    ? new SaveResult(SaveOutcome.Conflict, "The article changed since you opened it: someone saved it, or its file was changed. Nothing was written.")
                    : new SaveResult(SaveOutcome.Stale, "The article changed since this change was proposed, so approving it would overwrite that change. Send it back so its author can redo it on the current text.");
            }
            if (onDisk == text)
            {
                return new SaveResult(SaveOutcome.Unchanged, "Nothing to save: the text is the same as the file's.");
            }
            number = await WriteAsync(article, onDisk, text, who, comment, approval, cancellationToken);
        }
        finally
        {
            _saving.Release();
        }

        // The file is written: finish the reload even if the caller gives up waiting.
        await knowledgeBase.ReloadAsync(CancellationToken.None);
        peers.ContentChanged();
        return new SaveResult(SaveOutcome.Saved, $"Saved as revision {number}.", number);
    }

    /// <summary>Holds the text as a proposal; an earlier proposal of the same author for the article is replaced by it.</summary>
    private async Task<SaveResult> ProposeAsync(EditableArticle article, string text, string expectedStamp, string who, string? comment, CancellationToken cancellationToken)
    {
        if (await ReadAsync(article, cancellationToken) is not { } onDisk)
        {
            return SaveResult.NotFound;
        }
        if (ArticleParser.Fingerprint(onDisk) != expectedStamp)
        {
            return new SaveResult(SaveOutcome.Conflict, "The article changed since you opened it: someone saved it, or its file was changed. Nothing was proposed.");
        }
        if (onDisk == text)
        {
            return new SaveResult(SaveOutcome.Unchanged, "Nothing to propose: the text is the same as the file's.");
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        await db.ArticleProposals
            .Where(x => x.Slug == article.Slug && x.ProposedBy == who && (x.Status == ProposalStatus.Pending || x.Status == ProposalStatus.SentBack))
            .ExecuteUpdateAsync(x => x.SetProperty(p => p.Status, ProposalStatus.Replaced), cancellationToken);
        var proposal = new ArticleProposal
        {
            Slug = article.Slug,
            SourcePath = article.SourcePath,
            BaseStamp = expectedStamp,
            Text = text,
            Comment = comment,
            ProposedBy = who,
            ProposedAt = now,
        };
        db.ArticleProposals.Add(proposal);
        await db.SaveChangesAsync(cancellationToken);
        db.AuditEntries.Add(AuditEntry.Of(now, who, AuditActions.ArticleProposed, AuditSubjects.Article, article.Slug,
            $"{article.Slug}: change proposed for review (proposal {proposal.Id})" + (comment is null ? "" : $": {comment}"),
            null, new { Proposal = proposal.Id, Lines = text.Split('\n').Length, Comment = comment }));
        await db.SaveChangesAsync(cancellationToken);
        return new SaveResult(SaveOutcome.Proposed, "Proposed for review: the article stays as it is until another editor approves the change.");
    }

    /// <summary>Saves an earlier revision's text as a new revision, checked like any other save.</summary>
    public async Task<SaveResult> RestoreAsync(string slug, int number, string who, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var revision = await db.ArticleRevisions.FirstOrDefaultAsync(revision => revision.Slug == slug && revision.Number == number, cancellationToken);
        if (revision is null || await LoadAsync(slug, cancellationToken) is not { } current)
        {
            return SaveResult.NotFound;
        }
        return await SaveAsync(slug, revision.Text, current.Stamp, who, $"Restored revision {number}", cancellationToken);
    }

    /// <summary>The article's revisions, newest first, each with its changes against the one before.</summary>
    public async Task<IReadOnlyList<RevisionChange>> HistoryAsync(string slug, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var revisions = await db.ArticleRevisions.Where(revision => revision.Slug == slug).OrderBy(revision => revision.Number).ToListAsync(cancellationToken);
        return revisions
            .Select((revision, i) => new RevisionChange(revision, i == 0 ? null : LineDiff.Between(revisions[i - 1].Text, revision.Text)))
            .Reverse()
            .ToList();
    }

    private static string NormaliseLineEndings(string text) => text.ReplaceLineEndings("\n");

    /// <summary>What would stop the text from being saved, checked the same way for the preview and the save.</summary>
    private static string? Problem(EditableArticle article, string text) => SizeProblem(text) ?? FrontMatterProblem(article, text);

    private static string? SizeProblem(string text) => Encoding.UTF8.GetByteCount(text) is var bytes && bytes > MaxTextBytes
        ? $"The article is {bytes / 1024} KB; the editor saves articles up to {MaxTextBytes / 1024} KB. Split it into smaller articles."
        : null;

    private static string? FrontMatterProblem(EditableArticle article, string text) =>
        ArticleParser.Parse(text, article.SourcePath).Errors is { Count: > 0 } errors ? "Front matter: " + string.Join(" ", errors) : null;

    private string FullPath(EditableArticle article) => Path.Combine(knowledgeBase.ContentPath, article.SourcePath);

    private async Task<string?> ReadAsync(EditableArticle article, CancellationToken cancellationToken)
    {
        try
        {
            return await File.ReadAllTextAsync(FullPath(article), cancellationToken);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }
    }

    /// <summary>Records the revision (after the on-disk text, when no revision holds it yet) and writes the file, all or nothing.</summary>
    private async Task<int> WriteAsync(EditableArticle article, string onDisk, string text, string who, string? comment, Approval? approval, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var latest = await db.ArticleRevisions.Where(revision => revision.Slug == article.Slug).OrderByDescending(revision => revision.Number).FirstOrDefaultAsync(cancellationToken);
        var number = latest?.Number ?? 0;
        var now = clock.GetUtcNow().UtcDateTime;
        if (latest?.Text != onDisk)
        {
            // Every edit needs a base to diff against and restore: the file as the editor found it.
            db.ArticleRevisions.Add(new ArticleRevision
            {
                Slug = article.Slug,
                Number = ++number,
                SavedAt = now,
                SavedBy = ContentFolderAuthor,
                Text = onDisk,
                Comment = latest is null ? "As found in the content folder" : "Changed in the content folder",
            });
        }
        db.ArticleRevisions.Add(new ArticleRevision { Slug = article.Slug, Number = ++number, SavedAt = now, SavedBy = who, Text = text, Comment = comment, ApprovedBy = approval?.Reviewer });
        if (approval is not null)
        {
            // Only a proposal still pending is published: a second approval or a send-back that came first wins.
            var approved = await db.ArticleProposals.Where(x => x.Id == approval.ProposalId && x.Status == ProposalStatus.Pending)
                .ExecuteUpdateAsync(x => x.SetProperty(p => p.Status, ProposalStatus.Approved).SetProperty(p => p.ReviewedBy, approval.Reviewer).SetProperty(p => p.ReviewedAt, now), cancellationToken);
            if (approved == 0)
            {
                throw new InvalidOperationException("The proposal is no longer pending.");
            }
            db.AuditEntries.Add(AuditEntry.Of(now, approval.Reviewer, AuditActions.ArticleApproved, AuditSubjects.Article, article.Slug,
                $"{article.Slug}: proposal {approval.ProposalId} by {who} approved as revision {number}", new { Proposal = approval.ProposalId, Status = "pending" }, new { Proposal = approval.ProposalId, Status = "approved", Revision = number }));
        }
        db.AuditEntries.Add(AuditEntry.Of(now, approval?.Reviewer ?? who, AuditActions.ArticleSaved, AuditSubjects.Article, article.Slug,
            $"{article.Slug} saved as revision {number}" + (string.IsNullOrWhiteSpace(comment) ? "" : $": {comment}"),
            new { Revision = number - 1, Lines = onDisk.Split('\n').Length }, new { Revision = number, Lines = text.Split('\n').Length, Comment = comment }));
        await db.SaveChangesAsync(cancellationToken);
        await AtomicFile.WriteAsync(FullPath(article), text, overwrite: true, cancellationToken);
        await transaction.CommitAsync(CancellationToken.None);
        return number;
    }
}

/// <summary>An article file the editor can open; <paramref name="IsRefused"/> when errors keep it out of the knowledge base.</summary>
public sealed record EditableArticle(string Slug, string Title, string SourcePath, bool IsRefused)
{
    /// <summary>Where the article is read: its page, or the content problems page while it is refused.</summary>
    public string Home => IsRefused ? "/kb/problems" : $"/kb/{Slug}";

    public string HomeName => IsRefused ? "Content problems" : Title;
}

/// <summary>An article's file text as the editor opens it, with the stamp that tells whether it changed before the save.</summary>
public sealed record ArticleDraft(EditableArticle Article, string Text, string Stamp);

/// <summary>The rendered text, and what would stop it from being saved (null when nothing would).</summary>
public sealed record ArticlePreview(string Html, string? Problem);

/// <summary>The proposal being published, and the editor who approved it.</summary>
internal sealed record Approval(int ProposalId, string Reviewer);

public enum SaveOutcome
{
    Saved,
    Proposed,
    Stale,
    OwnChange,
    NotPending,
    Unchanged,
    Invalid,
    CommentTooLong,
    TooLarge,
    Conflict,
    NotFound,
}

public sealed record SaveResult(SaveOutcome Outcome, string Message, int? Revision = null)
{
    public static SaveResult NotFound { get; } = new(SaveOutcome.NotFound, "There is no such article or revision.");

    public bool IsSaved => Outcome is SaveOutcome.Saved or SaveOutcome.Unchanged or SaveOutcome.Proposed;
}

/// <summary>A revision and what it changed from the revision before it (null for the first).</summary>
public sealed record RevisionChange(ArticleRevision Revision, LineDiff? Diff);
