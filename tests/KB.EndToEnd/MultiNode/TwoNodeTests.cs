using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using KB.Tests.Nodes;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace KB.EndToEnd.MultiNode;

/// <summary>
/// Two nodes of the published app on one database and one Redis, behind nginx: a responder on each node, a tick on
/// one seen on the other; then one node is killed mid-writes and the other carries on. On PostgreSQL, as two machines
/// run it, and on one SQLite file, as two processes on one machine can.
/// </summary>
[ClosesItsPages]
[Collection(PublishedAppCollection.Name)]
public sealed class TwoNodeTests(PublishedApp published, ITestOutputHelper output) : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("kb-two-nodes-").FullName;
    private readonly RedisServer _redis = new();
    private PostgresServer? _postgres;
    private BalancedNodes? _nodes;

    public Task InitializeAsync() => _redis.InitializeAsync();

    public async Task DisposeAsync()
    {
        if (_nodes is not null)
        {
            await _nodes.DisposeAsync();
        }
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }
        await _redis.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [PostgresServerFact]
    public async Task On_PostgreSQL_a_tick_on_one_node_shows_on_the_other_and_a_killed_node_loses_nothing_acknowledged()
    {
        _postgres = await PostgresServer.StartAsync();
        await TickThenKillNodeAAsync(new()
        {
            ["KB__Database__Provider"] = "postgres",
            ["ConnectionStrings__KB"] = await _postgres.CreateDatabaseAsync(),
        });
    }

    [Fact]
    public Task On_one_SQLite_file_a_tick_on_one_node_shows_on_the_other_and_a_killed_node_loses_nothing_acknowledged() =>
        TickThenKillNodeAAsync(new() { ["ConnectionStrings__KB"] = $"Data Source={Path.Combine(_folder, "kb.db")}" });

    private async Task TickThenKillNodeAAsync(Dictionary<string, string> database)
    {
        _nodes = await BalancedNodes.StartAsync(published.PublishFolder, 2, new Dictionary<string, string>(database)
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ConnectionStrings__Redis"] = _redis.ConnectionString,
        });
        var (nodeA, nodeB, nginx) = (_nodes.Nodes[0], _nodes.Nodes[1], _nodes.Nginx);
        await AssertAClientStaysOnTheNodeItFirstReachedAsync(nginx);

        using var api = TestAccounts.ApiClient(nginx.BaseUrl);
        var created = await api.PostAsJsonAsync("/api/incidents", new { title = "502s on checkout", service = "checkout-api", severity = "SEV2", cause = "upstream-down" });
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        var alice = await ResponderOnAsync(nginx, nodeA);
        var bob = await ResponderOnAsync(nginx, nodeB);
        foreach (var page in new[] { alice, bob })
        {
            await page.GotoAsync($"/incidents/{id}");
            await page.WaitForInteractivityAsync();
        }

        var steps = alice.Locator(".checklist label");
        var first = (await steps.Nth(0).InnerTextAsync()).Trim();
        var clock = Stopwatch.StartNew();
        await alice.GetByRole(AriaRole.Checkbox, new() { Name = first }).CheckAsync();
        await Expect(bob.GetByRole(AriaRole.Checkbox, new() { Name = first })).ToBeCheckedAsync();
        output.WriteLine($"a tick on node A was shown on node B {clock.ElapsedMilliseconds} ms after the click");

        // Writes through nginx pinned to node A, which is killed while they run.
        var pinA = await nginx.PinFor(nodeA.BaseUrl);
        var acknowledged = new ConcurrentBag<int>();
        using var writes = new CancellationTokenSource();
        var writers = Enumerable.Range(0, 8).Select(_ => WriteUntilCancelledAsync(nginx, pinA, acknowledged, writes.Token)).ToList();
        await WaitForAsync(nginx, () => acknowledged.Count >= 40, "40 writes acknowledged by node A");
        await nodeA.KillAsync();
        var atKill = acknowledged.Count;
        await WaitForAsync(nginx, () => acknowledged.Count >= atKill + 20, "node B answering the writes pinned to node A");
        await writes.CancelAsync();
        await Task.WhenAll(writers);
        output.WriteLine($"{acknowledged.Count} incidents acknowledged, {atKill} of them before node A was killed");

        foreach (var incident in acknowledged)
        {
            var response = await api.GetAsync($"/api/incidents/{incident}");
            Assert.True(response.IsSuccessStatusCode, $"Acknowledged incident {incident} is gone: {(int)response.StatusCode}");
        }

        // Alice's page, whose circuit died with node A, comes back through nginx on node B and still works.
        var second = (await steps.Nth(1).InnerTextAsync()).Trim();
        await Expect(alice.GetByRole(AriaRole.Checkbox, new() { Name = first })).ToBeCheckedAsync(new() { Timeout = 90_000 });
        await alice.WaitForInteractivityAsync();
        await alice.GetByRole(AriaRole.Checkbox, new() { Name = second }).CheckAsync(new() { Timeout = 90_000 });
        await Expect(bob.GetByRole(AriaRole.Checkbox, new() { Name = second })).ToBeCheckedAsync();
    }

    /// <summary>nginx gives a client it has not seen a pin cookie, which keeps it on one node, as the README's upstream block does.</summary>
    private static async Task AssertAClientStaysOnTheNodeItFirstReachedAsync(NginxBalancer nginx)
    {
        using var client = new HttpClient { BaseAddress = new Uri(nginx.BaseUrl) };
        var nodes = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            using var response = await client.GetAsync("/healthz");
            Assert.Equal(i == 0, response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(cookie => cookie.StartsWith(NginxBalancer.PinCookie + "=", StringComparison.Ordinal)));
            nodes.Add(response.Headers.GetValues("X-Upstream").Single());
        }
        Assert.Single(nodes.Distinct());
    }

    private static async Task WaitForAsync(NginxBalancer nginx, Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting for {what}. nginx: {nginx.ErrorLog}");
            await Task.Delay(10);
        }
    }

    /// <summary>A browser signed in through nginx and kept on <paramref name="node"/> by its pin cookie.</summary>
    private async Task<IPage> ResponderOnAsync(NginxBalancer nginx, RunningApp node)
    {
        var context = await published.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = nginx.BaseUrl });
        await nginx.PinAsync(context, node.BaseUrl);
        var page = await context.NewPageAsync();
        await TestAccounts.SignInAsync(page);
        return page;
    }

    private static async Task WriteUntilCancelledAsync(NginxBalancer nginx, string pin, ConcurrentBag<int> acknowledged, CancellationToken cancellationToken)
    {
        using var client = TestAccounts.ApiClient(nginx.BaseUrl, TimeSpan.FromSeconds(30));
        client.DefaultRequestHeaders.Add("Cookie", $"{NginxBalancer.PinCookie}={pin}");
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                var response = await client.PostAsJsonAsync("/api/incidents", new { title = "Written during the kill", service = "checkout-api", severity = "SEV3" }, cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    acknowledged.Add((await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("id").GetInt32());
                }
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
                // A request cut off by the kill was never acknowledged: it may or may not have been saved.
            }
        }
    }
}
