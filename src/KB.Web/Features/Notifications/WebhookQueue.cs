using System.Threading.Channels;

namespace KB.Web.Features.Notifications;

/// <summary>
/// Incident events waiting to be posted, one bounded in-memory queue per webhook, so that a chat that is down delays
/// only its own messages. The change that raised an event has committed before it is queued; the events still queued
/// when the app stops are lost (the delivery log shows what was sent).
/// </summary>
public sealed class WebhookQueue
{
    public const int Capacity = 500;

    private readonly Channel<IncidentEvent>[] _queues;
    private readonly ILogger<WebhookQueue> _logger;

    public WebhookQueue(NotificationSettings settings, ILogger<WebhookQueue> logger)
    {
        _logger = logger;
        _queues = settings.Webhooks
            .Select(target => Channel.CreateBounded<IncidentEvent>(new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true },
                dropped => _logger.LogError("The queue of webhook {Target} is full: {Event} of incident {Id} is not sent", target.Label(1), dropped.Kind, dropped.IncidentId)))
            .ToArray();
    }

    public int Count => _queues.Length;

    public void Announce(IncidentEvent incidentEvent)
    {
        foreach (var queue in _queues)
        {
            queue.Writer.TryWrite(incidentEvent);
        }
    }

    public ChannelReader<IncidentEvent> Reader(int number) => _queues[number - 1].Reader;
}

/// <summary>Sends each webhook's queued events in order, off the request path.</summary>
public sealed class WebhookSender(WebhookQueue queue, WebhookClient client, ILogger<WebhookSender> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(1, queue.Count).Select(number => SendAllAsync(number, stoppingToken)));

    private async Task SendAllAsync(int number, CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var incidentEvent in queue.Reader(number).ReadAllAsync(stoppingToken))
            {
                try
                {
                    await client.DeliverAsync(number, incidentEvent, stoppingToken);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    logger.LogError(exception, "Delivering {Event} of incident {Id} to webhook #{Number} failed", incidentEvent.Kind, incidentEvent.IncidentId, number);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The app is stopping; the events still queued are not sent.
        }
    }
}
