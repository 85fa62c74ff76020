using System.Collections.Concurrent;
using KB.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace KB.Web.Features.Evidence;

/// <summary>
/// "Did this help?": one answer per signed-in person per article, which they can change. The answers of an article are
/// kept in memory once read, so showing a reader their own answer costs no database read.
/// </summary>
public sealed class FeedbackStore(IDbContextFactory<KbDb> dbFactory, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, IReadOnlyDictionary<string, FeedbackAnswer>> _answers = new();
    private long _generation;

    /// <summary>The answers given on an article, by the id of the person who gave them.</summary>
    public async Task<IReadOnlyDictionary<string, FeedbackAnswer>> AnswersAsync(string slug, CancellationToken cancellationToken = default)
    {
        if (_answers.TryGetValue(slug, out var cached))
        {
            return cached;
        }
        var generation = Interlocked.Read(ref _generation);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var answers = await db.ArticleFeedback.Where(x => x.Slug == slug)
            .ToDictionaryAsync(x => x.UserId, x => new FeedbackAnswer(x.Helpful, x.Comment, x.At), cancellationToken);
        // An answer saved while these were read may be missing from them: they are shown, not kept.
        return Interlocked.Read(ref _generation) == generation ? _answers.GetOrAdd(slug, answers) : answers;
    }

    /// <summary>Records the person's answer, replacing the one they gave before; returns a problem to show, or null.</summary>
    public async Task<string?> AnswerAsync(string slug, string userId, bool helpful, string? comment, CancellationToken cancellationToken = default)
    {
        comment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        if (LengthLimit.Problem(comment, ArticleFeedback.MaxComment, "A comment") is { } tooLong)
        {
            return tooLong;
        }
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await SaveAsync(slug, userId, helpful, comment, cancellationToken);
                break;
            }
            catch (DbUpdateException) when (attempt == 1)
            {
                // The person answered from two pages at once and the other insert won: this answer replaces it.
            }
        }
        Interlocked.Increment(ref _generation);
        _answers.TryRemove(slug, out _);
        return null;
    }

    private async Task SaveAsync(string slug, string userId, bool helpful, string? comment, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var feedback = await db.ArticleFeedback.AsTracking().SingleOrDefaultAsync(x => x.Slug == slug && x.UserId == userId, cancellationToken);
        if (feedback is null)
        {
            feedback = new ArticleFeedback { Slug = slug, UserId = userId };
            db.ArticleFeedback.Add(feedback);
        }
        feedback.Helpful = helpful;
        feedback.Comment = comment;
        feedback.At = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>For editors: the counts of every article that has answers, and each comment with who wrote it, newest first.</summary>
    public async Task<IReadOnlyList<ArticleFeedbackSummary>> SummariesAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.ArticleFeedback
            .Select(x => new
            {
                x.Slug,
                x.Helpful,
                x.Comment,
                x.At,
                Who = db.Users.Where(user => user.Id == x.UserId).Select(user => user.DisplayName).FirstOrDefault() ?? "someone",
            })
            .ToListAsync(cancellationToken);
        return rows.GroupBy(x => x.Slug)
            .Select(group => new ArticleFeedbackSummary(group.Key, group.Count(x => x.Helpful), group.Count(x => !x.Helpful),
                group.Where(x => x.Comment is not null).OrderByDescending(x => x.At).Select(x => new FeedbackComment(x.Who, x.Helpful, x.Comment!, x.At)).ToList()))
            .OrderBy(x => x.Slug, StringComparer.Ordinal)
            .ToList();
    }
}

public sealed record FeedbackAnswer(bool Helpful, string? Comment, DateTime At);

public sealed record ArticleFeedbackSummary(string Slug, int Helped, int DidNotHelp, IReadOnlyList<FeedbackComment> Comments);

public sealed record FeedbackComment(string Who, bool Helpful, string Text, DateTime At);
