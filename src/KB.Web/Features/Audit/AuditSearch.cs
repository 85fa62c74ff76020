using KB.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace KB.Web.Features.Audit;

/// <summary>Filters of the audit page and of its CSV export. Dates are UTC; <see cref="To"/> is exclusive.</summary>
public sealed record AuditFilter(
    string? Actor = null,
    string? Action = null,
    string? SubjectType = null,
    string? SubjectId = null,
    DateTime? From = null,
    DateTime? To = null,
    string? Text = null,
    int Page = 1,
    int PageSize = 50,
    AuditSort Sort = AuditSort.Newest)
{
    public const int MaxPageSize = 200;
}

public enum AuditSort
{
    Newest,
    Oldest,
    Actor,
    ActorDescending,
    Action,
    ActionDescending,
}

public sealed record AuditPage(IReadOnlyList<AuditEntry> Entries, int Total, int Page, int PageSize)
{
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

/// <summary>Reading the audit trail, newest first unless asked otherwise: a page for the admin page, every match for the export.</summary>
public sealed class AuditSearch(IDbContextFactory<KbDb> dbFactory)
{
    public async Task<AuditPage> PageAsync(AuditFilter filter, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = Matching(db, filter);
        var total = await query.CountAsync(cancellationToken);
        var pageSize = Math.Clamp(filter.PageSize, 1, AuditFilter.MaxPageSize);
        var page = Math.Clamp(filter.Page, 1, Math.Max(1, (total + pageSize - 1) / pageSize));
        var entries = await Ordered(query, filter.Sort).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        return new AuditPage(entries, total, page, pageSize);
    }

    /// <summary>Every matching entry, read from the database as it is enumerated.</summary>
    public async IAsyncEnumerable<AuditEntry> StreamAsync(AuditFilter filter, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await foreach (var entry in Ordered(Matching(db, filter), filter.Sort).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            yield return entry;
        }
    }

    public async Task<IReadOnlyList<string>> ActorsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.AuditEntries.Select(x => x.Actor).Distinct().OrderBy(x => x).ToListAsync(cancellationToken);
    }

    private static IQueryable<AuditEntry> Matching(KbDb db, AuditFilter filter)
    {
        var query = db.AuditEntries.AsQueryable();
        if (!string.IsNullOrWhiteSpace(filter.Actor))
        {
            // The column compares without regard to case (COLLATE NOCASE in the schema).
            query = query.Where(x => x.Actor == filter.Actor.Trim());
        }
        if (!string.IsNullOrWhiteSpace(filter.Action))
        {
            query = query.Where(x => x.Action == filter.Action.Trim());
        }
        if (!string.IsNullOrWhiteSpace(filter.SubjectType))
        {
            query = query.Where(x => x.SubjectType == filter.SubjectType.Trim());
        }
        if (!string.IsNullOrWhiteSpace(filter.SubjectId))
        {
            query = query.Where(x => x.SubjectId == filter.SubjectId.Trim().TrimStart('#'));
        }
        if (filter.From is { } from)
        {
            query = query.Where(x => x.At >= from);
        }
        if (filter.To is { } to)
        {
            query = query.Where(x => x.At < to);
        }
        if (!string.IsNullOrWhiteSpace(filter.Text))
        {
            var text = filter.Text.Trim().ToLower();
            query = query.Where(x => x.Summary.ToLower().Contains(text));
        }
        return query;
    }

    private static IQueryable<AuditEntry> Ordered(IQueryable<AuditEntry> query, AuditSort sort) => sort switch
    {
        AuditSort.Oldest => query.OrderBy(x => x.At).ThenBy(x => x.Id),
        AuditSort.Actor => query.OrderBy(x => x.Actor).ThenByDescending(x => x.At).ThenByDescending(x => x.Id),
        AuditSort.ActorDescending => query.OrderByDescending(x => x.Actor).ThenByDescending(x => x.At).ThenByDescending(x => x.Id),
        AuditSort.Action => query.OrderBy(x => x.Action).ThenByDescending(x => x.At).ThenByDescending(x => x.Id),
        AuditSort.ActionDescending => query.OrderByDescending(x => x.Action).ThenByDescending(x => x.At).ThenByDescending(x => x.Id),
        _ => query.OrderByDescending(x => x.At).ThenByDescending(x => x.Id),
    };
}
