using System.Threading.Channels;
using KB.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace KB.Web.Features.Alerts;

/// <summary>Keeps accepted payloads until <see cref="AlertProcessor"/> has handled them, and wakes it when one arrives.</summary>
public sealed class AlertInbox(IDbContextFactory<KbDb> dbFactory, TimeProvider clock)
{
    /// <summary>A payload that failed this often is left with its problem for an admin to read, instead of blocking the rest.</summary>
    public const int MaxAttempts = 5;

    private readonly Channel<bool> _arrivals = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public async Task<AlertInboxItem> AcceptAsync(string source, string payload, string receivedBy, CancellationToken cancellationToken)
    {
        var item = new AlertInboxItem { Source = source, Payload = payload, ReceivedBy = receivedBy, ReceivedAt = clock.GetUtcNow().UtcDateTime };
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        db.AlertInbox.Add(item);
        await db.SaveChangesAsync(cancellationToken);
        _arrivals.Writer.TryWrite(true);
        return item;
    }

    public async Task<AlertInboxItem?> FindAsync(int id, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.AlertInbox.SingleOrDefaultAsync(x => x.Id == id, cancellationToken);
    }

    /// <summary>Waits until a payload arrives or <paramref name="timeout"/> passes.</summary>
    public async Task WaitForArrivalAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        wait.CancelAfter(timeout);
        try
        {
            await _arrivals.Reader.ReadAsync(wait.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
        }
    }

    public async Task<IReadOnlyList<AlertInboxItem>> PendingAsync(int afterId, int count, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.AlertInbox.Where(x => x.Id > afterId && x.ProcessedAt == null && x.Attempts < MaxAttempts).OrderBy(x => x.Id).Take(count).ToListAsync(cancellationToken);
    }

    public async Task MarkProcessedAsync(int id, IEnumerable<int> incidents, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var ids = string.Join(',', incidents.Distinct());
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.AlertInbox.Where(x => x.Id == id)
            .ExecuteUpdateAsync(x => x.SetProperty(item => item.ProcessedAt, now).SetProperty(item => item.Incidents, ids).SetProperty(item => item.Problem, (string?)null), cancellationToken);
    }

    public async Task MarkFailedAsync(int id, string problem, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.AlertInbox.Where(x => x.Id == id)
            .ExecuteUpdateAsync(x => x.SetProperty(item => item.Attempts, item => item.Attempts + 1).SetProperty(item => item.Problem, problem), cancellationToken);
    }

    /// <summary>Handled payloads are kept a while to answer "what did that alert do?", then dropped.</summary>
    public async Task ForgetHandledAsync(TimeSpan age, CancellationToken cancellationToken)
    {
        var before = clock.GetUtcNow().UtcDateTime - age;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.AlertInbox.Where(x => x.ProcessedAt != null && x.ProcessedAt < before).ExecuteDeleteAsync(cancellationToken);
    }
}
