using KB.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace KB.Web.Features.Response;

/// <summary>The follow-ups of every incident, filtered as the Follow-ups page and its CSV export ask.</summary>
public sealed class FollowUpSearch(IDbContextFactory<KbDb> dbFactory, TimeProvider clock)
{
    public const int PageSize = 25;

    public async Task<(IReadOnlyList<FollowUpRow> Rows, int Total)> PageAsync(FollowUpFilter filter, int page, int pageSize = PageSize, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = Query(db, filter);
        var total = await query.CountAsync(cancellationToken);
        var rows = await Rows(db, query).Skip(page * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        return (rows, total);
    }

    public async IAsyncEnumerable<FollowUpRow> StreamAsync(FollowUpFilter filter, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await foreach (var row in Rows(db, Query(db, filter)).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            yield return row;
        }
    }

    public DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    private IQueryable<FollowUp> Query(KbDb db, FollowUpFilter filter)
    {
        var today = Today;
        var followUps = db.FollowUps.AsNoTracking();
        followUps = filter.State switch
        {
            FollowUpState.Open => followUps.Where(x => !x.Done),
            FollowUpState.Done => followUps.Where(x => x.Done),
            _ => followUps,
        };
        if (filter.OverdueOnly)
        {
            followUps = followUps.Where(x => !x.Done && x.DueOn != null && x.DueOn < today);
        }
        if (!string.IsNullOrWhiteSpace(filter.Owner))
        {
            var owner = filter.Owner.Trim().ToLower();
            followUps = followUps.Where(x => x.Owner != null && x.Owner.ToLower().Contains(owner));
        }
        return followUps;
    }

    // Open first, soonest due first, those without a date last.
    private static IQueryable<FollowUpRow> Rows(KbDb db, IQueryable<FollowUp> followUps) =>
        followUps.OrderBy(x => x.Done).ThenBy(x => x.DueOn == null).ThenBy(x => x.DueOn).ThenBy(x => x.CreatedAt).ThenBy(x => x.Id)
            .Select(x => new FollowUpRow(x.Id, x.IncidentId, db.Incidents.Where(incident => incident.Id == x.IncidentId).Select(incident => incident.Title).First(),
                x.Text, x.Owner, x.DueOn, x.Done, x.DoneBy, x.DoneAt, x.CreatedAt));
}

public sealed record FollowUpRow(int Id, int IncidentId, string IncidentTitle, string Text, string? Owner, DateOnly? DueOn, bool Done, string? DoneBy, DateTime? DoneAt, DateTime CreatedAt)
{
    public bool IsOverdue(DateOnly today) => !Done && DueOn < today;
}

public enum FollowUpState
{
    Open,
    Done,
    All,
}

/// <summary>The page's filters, also read from the CSV export's query string (<c>?state=open&amp;owner=bob&amp;overdue=true</c>).</summary>
public sealed record FollowUpFilter(FollowUpState State = FollowUpState.Open, string? Owner = null, bool OverdueOnly = false)
{
    public string CsvUrl => $"/follow-ups.csv?state={State.ToString().ToLowerInvariant()}&owner={Uri.EscapeDataString(Owner ?? "")}&overdue={(OverdueOnly ? "true" : "false")}";
}
