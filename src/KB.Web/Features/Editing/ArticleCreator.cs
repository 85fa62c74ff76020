using System.Text;
using System.Text.RegularExpressions;
using KB.Web.Data;
using KB.Web.Features.Audit;
using KB.Web.Features.Knowledge;
using KB.Web.Features.Nodes;
using KB.Web.Features.Reviews;
using KB.Web.Features.Triage.Runbook;
using Microsoft.EntityFrameworkCore;

namespace KB.Web.Features.Editing;

/// <summary>
/// Creates articles written in the browser: checks each field, writes the file into its category's folder (never over
/// another file), records the first revision and reloads the knowledge base, so the article page and search have it
/// as soon as the save returns. With KB:Editing:RequireReview on, the article is held as a proposal and does not exist
/// until another editor approves it.
/// </summary>
public sealed partial class ArticleCreator(KnowledgeBase knowledgeBase, IDbContextFactory<KbDb> dbFactory, IPeerNodes peers, IConfiguration configuration, TimeProvider clock)
{
    public const int MaxTitleLength = 120;
    public const int MaxSlugLength = 80;
    public const int MaxSummaryLength = 300;
    public const int MaxTags = 12;
    public const string FirstRevisionComment = "New article";

    /// <summary>What a new article can be: cause articles are a fixed set, one per cause slug.</summary>
    public static IReadOnlyList<ArticleCategory> Categories { get; } = [ArticleCategory.Diagnostic, ArticleCategory.Resolution, ArticleCategory.Prevention];

    /// <summary>The causes that triage, incidents and the cause articles share.</summary>
    public static IReadOnlySet<string> CauseSlugs { get; } = new HashSet<string>
    {
        "upstream-down", "upstream-timeout", "connection-reset", "dns-resolution", "tls-upstream", "header-too-large", "invalid-response",
        "socket-permission", "resource-exhaustion", "firewall-blocked", "network-unreachable", "misconfiguration", "application-crash",
    };

    /// <summary>Addresses under /kb/ that are pages of their own.</summary>
    public static IReadOnlySet<string> ReservedSlugs { get; } = new HashSet<string> { "new", "problems" };

    private static readonly Dictionary<char, string> AccentFolds = new (string Accented, string Plain)[]
    {
        ("àáâãäåā", "a"), ("çćč", "c"), ("ď", "d"), ("èéêëēęě", "e"), ("ìíîïī", "i"), ("łľ", "l"), ("ñńň", "n"), ("òóôõöøō", "o"),
        ("ŕř", "r"), ("śšş", "s"), ("ťţ", "t"), ("ùúûüūů", "u"), ("ýÿ", "y"), ("źżž", "z"), ("ß", "ss"), ("æ", "ae"), ("œ", "oe"),
    }.SelectMany(fold => fold.Accented.Select(letter => (Letter: letter, fold.Plain))).ToDictionary(fold => fold.Letter, fold => fold.Plain);

    // One creation at a time, so that the check that a slug is free and the write cannot interleave with another.
    private readonly SemaphoreSlim _creating = new(1, 1);

    public bool RequiresReview => configuration.GetValue(ArticleEditor.RequireReviewKey, false);

    /// <summary>A slug made of a title: lowercase words joined by hyphens, common accents dropped ("Check the Pool's size" → check-the-pool-s-size).</summary>
    public static string SlugFrom(string title)
    {
        // The app runs with invariant globalization, where Unicode decomposition is not at hand: the Latin accents are folded here.
        var letters = new StringBuilder();
        foreach (var c in title.ToLowerInvariant())
        {
            letters.Append(c is >= 'a' and <= 'z' or >= '0' and <= '9' ? c.ToString() : AccentFolds.GetValueOrDefault(c, "-"));
        }
        var slug = HyphenRun().Replace(letters.ToString(), "-").Trim('-');
        return slug.Length <= MaxSlugLength ? slug : slug[..MaxSlugLength].TrimEnd('-');
    }

    /// <summary>The body as the article page would render it (values to fill shown as their examples).</summary>
    public static string PreviewHtml(string body) => MarkdownRenderer.Render(RunbookFiller.Example(body.ReplaceLineEndings("\n"))).Html;

    /// <summary>Why the slug cannot be used, or null when it can.</summary>
    public async Task<string?> SlugProblemAsync(string slug, string author, CancellationToken cancellationToken = default) =>
        SlugFormProblem(slug.Trim()) ?? TakenProblem(slug.Trim()) ?? await ProposedByOtherProblemAsync(slug.Trim(), author, cancellationToken);

    public async Task<NewArticleProblems> CheckAsync(NewArticleDraft draft, string author, CancellationToken cancellationToken = default)
    {
        draft = draft.Normalised();
        var problems = new NewArticleProblems(
            Title: draft.Title.Length == 0 ? "Give the article a title." : LengthLimit.Problem(draft.Title, MaxTitleLength, "The title"),
            Slug: await SlugProblemAsync(draft.Slug, author, cancellationToken),
            Category: CategoryProblem(draft.Category),
            Tags: TagsProblem(draft.TagList),
            Summary: draft.Summary.Length == 0 ? "Write one sentence: search results and triage show it." : LengthLimit.Problem(draft.Summary, MaxSummaryLength, "The summary"),
            Body: draft.Body.Trim().Length == 0 ? "Write the article: what it is, the commands to copy, how to read them." : null);
        if (problems.Any)
        {
            return problems;
        }
        var text = Compose(draft);
        if (Encoding.UTF8.GetByteCount(text) is var bytes && bytes > ArticleEditor.MaxTextBytes)
        {
            return problems with { Body = $"The article is {bytes / 1024} KB; the editor saves articles up to {ArticleEditor.MaxTextBytes / 1024} KB. Split it into smaller articles." };
        }
        // The fields were checked one by one; the file they make is checked the way loading checks it.
        var parsed = ArticleParser.Parse(text, PathOf(draft));
        return parsed.Errors.Count > 0 ? problems with { Body = "Front matter: " + string.Join(" ", parsed.Errors) } : problems;
    }

    /// <summary>Writes the new article, or with review required proposes it; refused with a message per field that needs a change.</summary>
    public async Task<NewArticleResult> CreateAsync(NewArticleDraft draft, string who, CancellationToken cancellationToken = default)
    {
        draft = draft.Normalised();
        if (await CheckAsync(draft, who, cancellationToken) is { Any: true } problems)
        {
            return NewArticleResult.Refused(problems, draft.Slug);
        }
        var text = Compose(draft);
        if (RequiresReview)
        {
            return await ProposeAsync(draft, text, who, cancellationToken);
        }
        var result = await PublishAsync(draft.Slug, PathOf(draft), text, who, approval: null, cancellationToken);
        return result.Outcome == SaveOutcome.Saved
            ? new NewArticleResult(SaveOutcome.Saved, result.Message, NewArticleProblems.None, draft.Slug)
            : NewArticleResult.Refused(new NewArticleProblems(Slug: result.Message), draft.Slug);
    }

    /// <summary>
    /// Publishes a proposed new article. Refused when its author is the reviewer, when it is no longer waiting for
    /// review, or when its slug was taken meanwhile (it is stale).
    /// </summary>
    public async Task<SaveResult> ApproveAsync(ArticleProposal proposal, string reviewer, CancellationToken cancellationToken = default)
    {
        if (proposal.Status != ProposalStatus.Pending)
        {
            return new SaveResult(SaveOutcome.NotPending, "This proposal is no longer waiting for review.");
        }
        if (string.Equals(proposal.ProposedBy, reviewer, StringComparison.OrdinalIgnoreCase))
        {
            return new SaveResult(SaveOutcome.OwnChange, "You proposed this article: another editor has to approve it.");
        }
        return await PublishAsync(proposal.Slug, proposal.SourcePath, proposal.Text, proposal.ProposedBy, new Approval(proposal.Id, reviewer), cancellationToken);
    }

    /// <summary>Whether the slug of a proposed new article is taken now, so that approving it would be refused.</summary>
    public bool IsTaken(string slug) => TakenProblem(slug) is not null;

    /// <summary>The author's own proposed new article as form fields, to redo it; null when it is not theirs or not a new article.</summary>
    public async Task<NewArticleDraft?> DraftOfProposalAsync(int id, string author, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var proposal = await db.ArticleProposals.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, cancellationToken);
        if (proposal is not { IsNewArticle: true } || !string.Equals(proposal.ProposedBy, author, StringComparison.OrdinalIgnoreCase)
            || ArticleParser.Parse(proposal.Text, proposal.SourcePath).Article is not { } article)
        {
            return null;
        }
        return new NewArticleDraft
        {
            Title = article.Title,
            Slug = article.Slug,
            Category = article.Category.Key(),
            Tags = string.Join(", ", article.Tags),
            Summary = article.Summary,
            Body = BodyOf(proposal.Text),
            Revises = proposal.Id,
        };
    }

    /// <summary>The article file the fields make, in the article format: front matter, then the body.</summary>
    public static string Compose(NewArticleDraft draft)
    {
        draft = draft.Normalised();
        return new StringBuilder()
            .Append("---\n")
            .Append("slug: ").Append(draft.Slug).Append('\n')
            .Append("title: ").Append(Quoted(draft.Title)).Append('\n')
            .Append("category: ").Append(draft.Category).Append('\n')
            .Append("tags: [").AppendJoin(", ", draft.TagList).Append("]\n")
            .Append("summary: ").Append(Quoted(draft.Summary)).Append('\n')
            .Append("---\n")
            .Append(draft.Body).Append('\n')
            .ToString();
    }

    /// <summary>A YAML double-quoted string: nothing a title can hold (a colon, a '#', quotes) changes the front matter's meaning.</summary>
    private static string Quoted(string text) => "\"" + text.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";

    /// <summary>The text after the front matter of a file <see cref="Compose"/> made: its fields hold no line breaks, so the first "---" line after the first closes it.</summary>
    private static string BodyOf(string text)
    {
        var end = text.IndexOf("\n---\n", 3, StringComparison.Ordinal);
        return end < 0 ? "" : text[(end + 5)..].TrimEnd('\n');
    }

    private static string PathOf(NewArticleDraft draft) =>
        ArticleCategories.TryParse(draft.Category, out var category) ? $"{category.Folder()}/{draft.Slug}.md" : $"{draft.Slug}.md";

    private static string? SlugFormProblem(string slug)
    {
        if (slug.Length == 0)
        {
            return "Give the article a slug: its address, /kb/<slug>.";
        }
        if (LengthLimit.Problem(slug, MaxSlugLength, "The slug") is { } tooLong)
        {
            return tooLong;
        }
        if (!SlugPattern().IsMatch(slug))
        {
            return "Use lowercase letters, digits and single hyphens between them, such as check-upstream-pool.";
        }
        if (ReservedSlugs.Contains(slug))
        {
            return $"/kb/{slug} is a page of the knowledge base itself: choose another slug.";
        }
        if (CauseSlugs.Contains(slug))
        {
            return $"'{slug}' is a cause. Cause articles are a fixed set, one per cause, and a new article is not one of them: edit the cause article /kb/{slug}, or choose another slug.";
        }
        return null;
    }

    private string? TakenProblem(string slug)
    {
        var catalog = knowledgeBase.Current;
        if (catalog.Find(slug) is { } article)
        {
            return $"An article has this slug already: “{article.Title}”. Choose another slug.";
        }
        var onDisk = catalog.Problems.Any(problem => problem.IsError && problem.ArticleSlug == slug)
            || ArticleCategories.All.Any(category => File.Exists(Path.Combine(knowledgeBase.ContentPath, category.Folder(), $"{slug}.md")));
        return onDisk ? "A file with this slug is in the content folder already (see Content problems). Choose another slug." : null;
    }

    private async Task<string?> ProposedByOtherProblemAsync(string slug, string author, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var authors = await db.ArticleProposals.AsNoTracking()
            .Where(x => x.Slug == slug && x.BaseStamp == ArticleProposal.NewArticleStamp && x.Status == ProposalStatus.Pending)
            .Select(x => x.ProposedBy).ToListAsync(cancellationToken);
        return authors.FirstOrDefault(other => !string.Equals(other, author, StringComparison.OrdinalIgnoreCase)) is { } other
            ? $"{other} has proposed an article with this slug, waiting for review. Choose another slug."
            : null;
    }

    private static string? CategoryProblem(string key)
    {
        if (!ArticleCategories.TryParse(key, out var category))
        {
            return "Choose what the article is: a diagnostic, a resolution or prevention.";
        }
        return Categories.Contains(category) ? null : "A new article is not a cause: cause articles are a fixed set, one per cause. Choose diagnostic, resolution or prevention.";
    }

    private static string? TagsProblem(IReadOnlyList<string> tags)
    {
        if (tags.Count > MaxTags)
        {
            return $"Give at most {MaxTags} tags; these are {tags.Count}.";
        }
        return tags.FirstOrDefault(tag => !SlugPattern().IsMatch(tag)) is { } bad
            ? $"A tag is a word or words joined by hyphens, separated from the next by a comma: '{bad}' is not (try '{SlugFrom(bad)}')."
            : null;
    }

    private async Task<SaveResult> PublishAsync(string slug, string sourcePath, string text, string author, Approval? approval, CancellationToken cancellationToken)
    {
        int number;
        await _creating.WaitAsync(cancellationToken);
        try
        {
            if (TakenProblem(slug) is { } taken)
            {
                return Taken(taken, approval);
            }
            var path = Path.Combine(knowledgeBase.ContentPath, sourcePath);
            try
            {
                if (await WriteAsync(slug, path, sourcePath, text, author, approval, cancellationToken) is not { } written)
                {
                    return new SaveResult(SaveOutcome.NotPending, "This proposal is no longer waiting for review.");
                }
                number = written;
            }
            catch (IOException) when (File.Exists(path))
            {
                // A file of that name was put in the content folder between the check and the rename.
                return Taken("A file with this slug is in the content folder already. Choose another slug.", approval);
            }
        }
        finally
        {
            _creating.Release();
        }

        // The file is written: finish the reload even if the caller gives up waiting.
        await knowledgeBase.ReloadAsync(CancellationToken.None);
        peers.ContentChanged();
        return new SaveResult(SaveOutcome.Saved, $"Created as revision {number}.", number);
    }

    private static SaveResult Taken(string problem, Approval? approval) => approval is null
        ? new SaveResult(SaveOutcome.Invalid, problem)
        : new SaveResult(SaveOutcome.Stale, "An article with this slug exists now, so approving this one would replace it. Send it back so its author can choose another slug.");

    /// <summary>Records the first revision, marks the proposal approved (when there is one) and writes the file, all or nothing; null when the proposal was reviewed meanwhile.</summary>
    private async Task<int?> WriteAsync(string slug, string path, string sourcePath, string text, string author, Approval? approval, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        // Revisions of an earlier article of the same slug (its file since deleted) stay: the new one follows them.
        var number = (await db.ArticleRevisions.Where(revision => revision.Slug == slug).MaxAsync(revision => (int?)revision.Number, cancellationToken) ?? 0) + 1;
        db.ArticleRevisions.Add(new ArticleRevision { Slug = slug, Number = number, SavedAt = now, SavedBy = author, Text = text, Comment = FirstRevisionComment, ApprovedBy = approval?.Reviewer });
        if (approval is not null)
        {
            var approved = await db.ArticleProposals.Where(x => x.Id == approval.ProposalId && x.Status == ProposalStatus.Pending)
                .ExecuteUpdateAsync(x => x.SetProperty(p => p.Status, ProposalStatus.Approved).SetProperty(p => p.ReviewedBy, approval.Reviewer).SetProperty(p => p.ReviewedAt, now), cancellationToken);
            if (approved == 0)
            {
                return null;
            }
            db.AuditEntries.Add(AuditEntry.Of(now, approval.Reviewer, AuditActions.ArticleApproved, AuditSubjects.Article, slug,
                $"{slug}: new article proposed by {author} (proposal {approval.ProposalId}) approved", new { Proposal = approval.ProposalId, Status = "pending" }, new { Proposal = approval.ProposalId, Status = "approved", Revision = number }));
        }
        db.AuditEntries.Add(AuditEntry.Of(now, approval?.Reviewer ?? author, AuditActions.ArticleCreated, AuditSubjects.Article, slug,
            $"{slug} created as revision {number} ({sourcePath})", null, new { Revision = number, Path = sourcePath, Lines = text.Split('\n').Length }));
        await db.SaveChangesAsync(cancellationToken);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await AtomicFile.WriteAsync(path, text, overwrite: false, cancellationToken);
        await transaction.CommitAsync(CancellationToken.None);
        return number;
    }

    /// <summary>Holds the article as a proposal; the author's earlier proposal of it (same slug, or the one redone) is replaced.</summary>
    private async Task<NewArticleResult> ProposeAsync(NewArticleDraft draft, string text, string who, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        await db.ArticleProposals
            .Where(x => x.ProposedBy == who && x.BaseStamp == ArticleProposal.NewArticleStamp && (x.Slug == draft.Slug || x.Id == draft.Revises)
                && (x.Status == ProposalStatus.Pending || x.Status == ProposalStatus.SentBack))
            .ExecuteUpdateAsync(x => x.SetProperty(p => p.Status, ProposalStatus.Replaced), cancellationToken);
        var proposal = new ArticleProposal
        {
            Slug = draft.Slug,
            SourcePath = PathOf(draft),
            BaseStamp = ArticleProposal.NewArticleStamp,
            Text = text,
            ProposedBy = who,
            ProposedAt = now,
        };
        db.ArticleProposals.Add(proposal);
        await db.SaveChangesAsync(cancellationToken);
        db.AuditEntries.Add(AuditEntry.Of(now, who, AuditActions.ArticleProposed, AuditSubjects.Article, draft.Slug,
            $"{draft.Slug}: new article proposed for review (proposal {proposal.Id})", null, new { Proposal = proposal.Id, Path = proposal.SourcePath, Lines = text.Split('\n').Length }));
        await db.SaveChangesAsync(cancellationToken);
        return new NewArticleResult(SaveOutcome.Proposed, "Proposed for review: the article is published once another editor approves it.", NewArticleProblems.None, draft.Slug);
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex SlugPattern();

    [GeneratedRegex("-{2,}")]
    private static partial Regex HyphenRun();
}
