using System.Globalization;
using KB.Web.Features.Evidence;
using KB.Web.Features.Incidents;
using KB.Web.Features.Knowledge;
using StackExchange.Redis;

namespace KB.Web.Features.Nodes;

/// <summary>
/// Tells the other nodes through Redis pub/sub what changed on this one, and applies what they announce. A message is
/// only a nudge ("incident 41 changed", "the articles changed"): each node reads the change itself from the shared
/// database or content folder, so a message lost while Redis is away costs a reload, never data.
/// </summary>
public sealed class RedisPeers(IConnectionMultiplexer redis, IServiceProvider services, ILogger<RedisPeers> logger) : IPeerNodes, IHostedService
{
    public static readonly RedisChannel Channel = RedisChannel.Literal("kb:changes");

    private const string ContentMessage = "content";
    private const string IncidentPrefix = "incident:";

    /// <summary>Tells this node's own messages apart from its peers', since a Redis subscriber also hears itself.</summary>
    private readonly string _node = Guid.NewGuid().ToString("N");

    public void IncidentChanged(int incidentId) => Send(IncidentPrefix + incidentId.ToString(CultureInfo.InvariantCulture));

    public void ContentChanged() => Send(ContentMessage);

    /// <summary>
    /// Registers the subscription without waiting for Redis: a node starts and serves while Redis is away, and the
    /// client subscribes again by itself whenever its connection comes back.
    /// </summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await redis.GetSubscriber().SubscribeAsync(Channel, (channel, message) => _ = ApplyAsync(message.ToString()), CommandFlags.FireAndForget);
        if (!redis.IsConnected)
        {
            logger.LogWarning("Redis is not reachable yet: changes on other nodes show here once it is");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => redis.GetSubscriber().UnsubscribeAsync(Channel, flags: CommandFlags.FireAndForget);

    private void Send(string what)
    {
        try
        {
            redis.GetSubscriber().Publish(Channel, $"{_node} {what}", CommandFlags.FireAndForget);
        }
        catch (RedisException exception)
        {
            logger.LogWarning(exception, "Could not tell the other nodes that {What} changed; their pages catch up when they reload", what);
        }
    }

    private async Task ApplyAsync(string message)
    {
        var (node, what) = message.IndexOf(' ') is var space and > 0 ? (message[..space], message[(space + 1)..]) : ("", message);
        if (node == _node)
        {
            return;
        }
        try
        {
            // Resolved here rather than injected: the notifier itself tells this class about local changes.
            if (what == ContentMessage)
            {
                await services.GetRequiredService<KnowledgeBase>().ReloadAsync();
            }
            else if (what.StartsWith(IncidentPrefix, StringComparison.Ordinal) && int.TryParse(what[IncidentPrefix.Length..], CultureInfo.InvariantCulture, out var id))
            {
                services.GetRequiredService<EvidenceCache>().ForgetAll();
                services.GetRequiredService<IncidentNotifier>().PublishHere(id);
            }
        }
        catch (Exception exception)
        {
            logger.LogError(exception, "Applying a change announced by another node ({Message}) failed", message);
        }
    }
}
