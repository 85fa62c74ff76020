using KB.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace KB.Web.Features.Notifications;

/// <summary>The delivery log as the admin page reads it, newest first, a page at a time.</summary>
public sealed class DeliveryLog(IDbContextFactory<KbDb> dbFactory)
{
    public async Task<(IReadOnlyList<WebhookDelivery> Rows, int Total)> PageAsync(int page, int pageSize, bool failedOnly, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = db.WebhookDeliveries.AsNoTracking().Where(x => !failedOnly || !x.Delivered);
        var total = await query.CountAsync(cancellationToken);
        var rows = await query.OrderByDescending(x => x.At).ThenByDescending(x => x.Id).Skip(page * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        return (rows, total);
    }
}
