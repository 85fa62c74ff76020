using System.Diagnostics;
using KB.Web.Features.Editing;
using KB.Web.Features.Evidence;
using KB.Web.Features.Incidents;
using KB.Web.Features.Knowledge;
using Microsoft.Extensions.DependencyInjection;

namespace KB.Tests.Nodes;

/// <summary>Two app nodes on one SQLite file and a real Redis: what one node changes, the other's open pages hear of.</summary>
public sealed class RedisPeersTests : IAsyncLifetime
{
    private const string Slug = "widget-timeouts";

    private readonly RedisServer _redis = new();
    private readonly TempFolder _contentA = new();
    private readonly TempFolder _contentB = new();
    private KbApp _nodeA = null!;
    private KbApp _nodeB = null!;

    public async Task InitializeAsync()
    {
        await _redis.InitializeAsync();
        foreach (var content in new[] { _contentA, _contentB })
        {
            content.Write($"diagnostics/{Slug}.md", Articles.Markdown(Slug, body: "Widgets time out."));
        }
        _nodeA = new KbApp(_contentA.Path, new() { ["ConnectionStrings:Redis"] = _redis.ConnectionString });
        _ = _nodeA.Server;
        _nodeB = new KbApp(_contentB.Path, new()
        {
            ["ConnectionStrings:Redis"] = _redis.ConnectionString,
            ["ConnectionStrings:KB"] = $"Data Source={_nodeA.DatabasePath}",
        });
        _ = _nodeB.Server;
    }

    public async Task DisposeAsync()
    {
        await _nodeB.DisposeAsync();
        await _nodeA.DisposeAsync();
        await _redis.DisposeAsync();
        _contentA.Dispose();
        _contentB.Dispose();
    }

    [Fact]
    public async Task A_change_on_one_node_reaches_the_open_pages_of_the_other()
    {
        var incidents = _nodeA.Services.GetRequiredService<IncidentService>();
        var incident = await incidents.CreateAsync(new IncidentDraft { Title = "502s on checkout", Service = "checkout-api", Severity = "SEV2" }, "Alice");
        var heard = new TaskCompletionSource<Incident?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var nodeBIncidents = _nodeB.Services.GetRequiredService<IncidentService>();
        using var subscription = _nodeB.Services.GetRequiredService<IncidentNotifier>().Subscribe(incident.Id, async () => heard.TrySetResult(await nodeBIncidents.FindAsync(incident.Id)));
        await WaitUntilSubscribedAsync();

        var clock = Stopwatch.StartNew();
        await incidents.AddNoteAsync(incident.Id, "Restarting the pool on web-2", "Alice");
        var seen = await heard.Task.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Contains(seen!.Timeline, entry => entry.Text.Contains("Restarting the pool on web-2", StringComparison.Ordinal));
        Console.WriteLine($"note on node A seen on node B after {clock.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task An_incident_changed_on_one_node_makes_the_other_forget_what_it_knew_of_the_articles_evidence()
    {
        var incidents = _nodeA.Services.GetRequiredService<IncidentService>();
        var incident = await incidents.CreateAsync(new IncidentDraft { Title = "502s on cart", Service = "cart", Severity = "SEV3" }, "Alice");
        var cacheB = _nodeB.Services.GetRequiredService<EvidenceCache>();
        cacheB.KeepVerifications(new Dictionary<string, Verification>(), cacheB.Generation);
        Assert.NotNull(cacheB.Verifications);
        await WaitUntilSubscribedAsync();

        await incidents.AddNoteAsync(incident.Id, "Cart pods restarted", "Alice");

        await WaitForAsync(() => cacheB.Verifications is null);
    }

    [Fact]
    public async Task An_article_saved_on_one_node_makes_the_other_reload_its_content()
    {
        var nodeB = _nodeB.Services.GetRequiredService<KnowledgeBase>();
        await WaitForAsync(() => nodeB.Current.Find(Slug) is not null);
        var before = nodeB.Current;
        var editor = _nodeA.Services.GetRequiredService<ArticleEditor>();
        var draft = await editor.LoadAsync(Slug);
        await WaitUntilSubscribedAsync();

        var saved = await editor.SaveAsync(Slug, Articles.Markdown(Slug, title: "Widget timeouts, edited on node A", body: "Widgets time out."), draft!.Stamp, "Erin", null);

        // Node B's own folder did not change, so only node A's announcement can have made it read the folder again.
        Assert.Equal(SaveOutcome.Saved, saved.Outcome);
        await WaitForAsync(() => !ReferenceEquals(before, nodeB.Current));
        Assert.NotSame(before, nodeB.Current);
    }

    [Fact]
    public async Task A_node_started_while_redis_is_down_serves_and_hears_its_peers_once_redis_is_up()
    {
        var late = new RedisServer();
        await using var alone = new KbApp(_contentA.Path, new() { ["ConnectionStrings:Redis"] = $"{late.ConnectionString},connectTimeout=500" });
        var incidents = alone.Services.GetRequiredService<IncidentService>();
        var incident = await incidents.CreateAsync(new IncidentDraft { Title = "502s on search", Service = "search", Severity = "SEV3" }, "Alice");
        var calls = 0;
        using var subscription = alone.Services.GetRequiredService<IncidentNotifier>().Subscribe(incident.Id, () => { Interlocked.Increment(ref calls); return Task.CompletedTask; });

        Assert.Equal(ChangeOutcome.Done, (await incidents.AddNoteAsync(incident.Id, "Still serving", "Alice")).Outcome);
        await WaitForAsync(() => calls == 1);

        await late.InitializeAsync();
        try
        {
            var redis = alone.Services.GetRequiredService<StackExchange.Redis.IConnectionMultiplexer>();
            await using var peer = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(late.ConnectionString);
            await WaitForAsync(() => peer.GetSubscriber().Publish(KB.Web.Features.Nodes.RedisPeers.Channel, $"other-node incident:{incident.Id}") > 0, TimeSpan.FromSeconds(60));
            await WaitForAsync(() => calls >= 2);
            Assert.True(redis.IsConnected);
        }
        finally
        {
            await late.DisposeAsync();
        }
    }

    private static async Task WaitForAsync(Func<bool> condition, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The expected state did not come about in time.");
            }
            await Task.Delay(20);
        }
    }

    /// <summary>Node B's subscription to the Redis channel is confirmed before the test makes its change.</summary>
    private async Task WaitUntilSubscribedAsync()
    {
        var redis = _nodeB.Services.GetRequiredService<StackExchange.Redis.IConnectionMultiplexer>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await redis.GetSubscriber().PublishAsync(KB.Web.Features.Nodes.RedisPeers.Channel, "probe") < 2 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }
    }
}
