using KB.Web.Data;
using KB.Web.Features.Incidents;
using KB.Web.Features.Knowledge;
using KB.Web.Features.Triage.Runbook;
using Microsoft.EntityFrameworkCore;

namespace KB.Web.Features.Evidence;

/// <summary>
/// The evidence that a cause article works, derived from the incidents in the database and read through
/// <see cref="EvidenceCache"/>: an article is verified by the latest resolved incident linked to its cause that named
/// the checklist step that fixed it, on the day it was resolved.
/// </summary>
public sealed class IncidentEvidence(IDbContextFactory<KbDb> dbFactory, EvidenceCache cache, ArticleFreshness freshness)
{
    /// <summary>The last verification of each cause that has one, by cause slug.</summary>
    public async Task<IReadOnlyDictionary<string, Verification>> VerificationsAsync(CancellationToken cancellationToken = default)
    {
        if (cache.Verifications is { } cached)
        {
            return cached;
        }
        var generation = cache.Generation;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var latest = await db.Incidents
            .Where(x => x.Status == IncidentStatus.Resolved && x.Cause != null && x.FixedByStep != null && x.ResolvedAt != null)
            .GroupBy(x => x.Cause!)
            .Select(group => group.OrderByDescending(x => x.ResolvedAt).ThenByDescending(x => x.Id).Select(x => new { Cause = x.Cause!, x.Id, ResolvedAt = x.ResolvedAt!.Value }).First())
            .ToListAsync(cancellationToken);
        var verifications = latest.ToDictionary(x => x.Cause, x => new Verification(x.Id, x.ResolvedAt));
        cache.KeepVerifications(verifications, generation);
        return verifications;
    }

    public async Task<Freshness> FreshnessOfAsync(Article article, CancellationToken cancellationToken = default) =>
        ArticleFreshness.IsTracked(article)
            ? freshness.Of(article, (await VerificationsAsync(cancellationToken)).GetValueOrDefault(article.Slug))
            : Freshness.Untracked;

    /// <summary>The cause articles of the catalog that are stale, with their freshness, the longest unverified first.</summary>
    public async Task<IReadOnlyList<(Article Article, Freshness Freshness)>> StaleAsync(ArticleCatalog catalog, CancellationToken cancellationToken = default)
    {
        var verifications = await VerificationsAsync(cancellationToken);
        return catalog.Articles
            .Where(ArticleFreshness.IsTracked)
            .Select(article => (Article: article, Freshness: freshness.Of(article, verifications.GetValueOrDefault(article.Slug))))
            .Where(x => x.Freshness.IsStale)
            .OrderBy(x => x.Freshness.LastVerified?.At ?? DateTime.MinValue)
            .ThenBy(x => x.Article.Title, StringComparer.OrdinalIgnoreCase)
            .ToList();
    }

    /// <summary>The record of a cause article; a record is kept per article until an incident of its cause changes or the article does.</summary>
    public async Task<CauseRecord> RecordOfAsync(Article article, CancellationToken cancellationToken = default)
    {
        if (cache.RecordOf(article.Slug, article.Revision) is { } cached)
        {
            return cached;
        }
        var generation = cache.Generation;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var incidents = await db.Incidents
            .Where(x => x.Cause == article.Slug)
            .Select(x => new LinkedIncident(x.StartedAt, x.Status == IncidentStatus.Resolved ? x.ResolvedAt : null,
                x.Status == IncidentStatus.Resolved ? db.ChecklistItems.Where(item => item.Id == x.FixedByStep).Select(item => item.Text).FirstOrDefault() : null))
            .ToListAsync(cancellationToken);
        var record = RecordOf(article, incidents);
        cache.KeepRecord(article.Slug, article.Revision, record, generation);
        return record;
    }

    /// <summary>An incident of the cause: when it started, when it was resolved, the text of the step that fixed it.</summary>
    public sealed record LinkedIncident(DateTime StartedAt, DateTime? ResolvedAt, string? FixedBy);

    public static CauseRecord RecordOf(Article article, IReadOnlyList<LinkedIncident> incidents)
    {
        if (incidents.Count == 0)
        {
            return CauseRecord.None;
        }
        var toResolve = DurationStat.Of(incidents.Where(x => x.ResolvedAt is not null).Select(x => x.ResolvedAt!.Value - x.StartedAt));
        var mostOften = incidents
            .Where(x => x.FixedBy is not null)
            .GroupBy(x => StepOfArticle(article, x.FixedBy!))
            .Select(group => new FixCount(group.Key, group.Count()))
            .OrderByDescending(step => step.Times)
            .ThenBy(step => step.Step, StringComparer.Ordinal)
            .FirstOrDefault();
        return new CauseRecord(incidents.Count, toResolve, mostOften, incidents.Max(x => x.StartedAt));
    }

    /// <summary>
    /// An incident's step holds its own addresses in the commands: it counts as the article step it was filled from,
    /// shown with the article's examples. A step the article no longer has counts by its own text.
    /// </summary>
    private static string StepOfArticle(Article article, string filled) =>
        article.Checklist.FirstOrDefault(step => RunbookFiller.IsFilledFrom(step, filled)) is { } step ? RunbookFiller.Example(step) : filled;
}
