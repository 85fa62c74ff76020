using KB.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace KB.Web.Features.Notifications;

/// <summary>Which deliveries the admin page shows: one webhook, one kind of event, only the failures; null means any.</summary>
public sealed record DeliveryFilter(string? Target = null, string? Event = null, bool FailedOnly = false);

/// <summary>The delivery log as the admin page reads it, newest first, a page at a time.</summary>
public sealed class DeliveryLog(IDbContextFactory<KbDb> dbFactory)
{
    public static IReadOnlyList<string> Events { get; } =
        [IncidentEvent.Opened, IncidentEvent.CauseLinked, IncidentEvent.StatusChanged, IncidentEvent.Resolved, IncidentEvent.Test];

    public async Task<(IReadOnlyList<WebhookDelivery> Rows, int Total)> PageAsync(DeliveryFilter filter, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = db.WebhookDeliveries.AsNoTracking();
        if (filter.Target is { } target)
        {
            query = query.Where(x => x.Target == target);
        }
        if (filter.Event is { } kind)
        {
            query = query.Where(x => x.Event == kind);
        }
        if (filter.FailedOnly)
        {
            query = query.Where(x => !x.Delivered);
        }
        var total = await query.CountAsync(cancellationToken);
        var rows = await query.OrderByDescending(x => x.At).ThenByDescending(x => x.Id).Skip(page * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        return (rows, total);
    }
}
