using System.Collections.Concurrent;
using KB.Web.Features.Nodes;

namespace KB.Web.Features.Incidents;

/// <summary>
/// Tells the circuits that have an incident open when someone changes it, so every responder sees ticks, status
/// changes and notes at once: on this node directly, on the other nodes through <see cref="IPeerNodes"/>.
/// </summary>
public sealed class IncidentNotifier(IPeerNodes peers, ILogger<IncidentNotifier> logger)
{
    private readonly ConcurrentDictionary<int, ConcurrentDictionary<Guid, Func<Task>>> _subscribers = new();

    /// <summary>Calls <paramref name="onChanged"/> after each change of the incident, until the returned handle is disposed.</summary>
    public IDisposable Subscribe(int incidentId, Func<Task> onChanged)
    {
        var key = Guid.NewGuid();
        _subscribers.GetOrAdd(incidentId, _ => new()).TryAdd(key, onChanged);
        return new Subscription(() =>
        {
            if (_subscribers.TryGetValue(incidentId, out var handlers))
            {
                handlers.TryRemove(key, out _);
            }
        });
    }

    public int SubscriberCount(int incidentId) => _subscribers.TryGetValue(incidentId, out var handlers) ? handlers.Count : 0;

    /// <summary>
    /// Tells every subscriber, without waiting for them: the responder who made the change does not wait while
    /// the other circuits reload.
    /// </summary>
    public void Publish(int incidentId)
    {
        PublishHere(incidentId);
        peers.IncidentChanged(incidentId);
    }

    /// <summary>Tells this node's subscribers only: for a change another node made and announced.</summary>
    public void PublishHere(int incidentId)
    {
        if (!_subscribers.TryGetValue(incidentId, out var handlers))
        {
            return;
        }
        foreach (var handler in handlers.Values)
        {
            _ = NotifyAsync(handler);
        }
    }

    private async Task NotifyAsync(Func<Task> handler)
    {
        try
        {
            await handler();
        }
        catch (Exception ex) when (ex is ObjectDisposedException or InvalidOperationException)
        {
            logger.LogDebug(ex, "A circuit went away between a change and its notification");
        }
    }

    private sealed class Subscription(Action dispose) : IDisposable
    {
        private Action? _dispose = dispose;

        public void Dispose() => Interlocked.Exchange(ref _dispose, null)?.Invoke();
    }
}
