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
/// one seen on the other; then one node is killed mid-writes and the other carries on.
/// </summary>
[ClosesItsPages]
[Collection(PublishedAppCollection.Name)]
public sealed class TwoNodeTests(PublishedApp published, ITestOutputHelper output) : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("kb-two-nodes-").FullName;
    private readonly RedisServer _redis = new();
    private RunningApp _nodeA = null!;
    private RunningApp _nodeB = null!;
    private NginxBalancer _nginx = null!;

    public async Task InitializeAsync()
    {
        await _redis.InitializeAsync();
        var settings = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ConnectionStrings__KB"] = $"Data Source={Path.Combine(_folder, "kb.db")}",
            ["ConnectionStrings__Redis"] = _redis.ConnectionString,
        };
        var app = Path.Combine(published.PublishFolder, "KB.Web");
        _nodeA = await RunningApp.StartAsync(app, [], published.PublishFolder, settings);
        _nodeB = await RunningApp.StartAsync(app, [], published.PublishFolder, settings);
        _nginx = await NginxBalancer.StartAsync([_nodeA.BaseUrl, _nodeB.BaseUrl]);
    }

    public async Task DisposeAsync()
    {
        await _nginx.DisposeAsync();
        await _nodeA.DisposeAsync();
        await _nodeB.DisposeAsync();
        await _redis.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task A_tick_on_one_node_shows_on_the_other_and_a_killed_node_loses_nothing_acknowledged()
    {
        using var api = TestAccounts.ApiClient(_nginx.BaseUrl);
        var created = await api.PostAsJsonAsync("/api/incidents", new { title = "502s on checkout", service = "checkout-api", severity = "SEV2", cause = "upstream-down" });
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        var alice = await ResponderOnAsync(_nodeA);
        var bob = await ResponderOnAsync(_nodeB);
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
        var pinA = await _nginx.PinFor(_nodeA.BaseUrl);
        var acknowledged = new ConcurrentBag<int>();
        using var writes = new CancellationTokenSource();
        var writers = Enumerable.Range(0, 8).Select(_ => WriteUntilCancelledAsync(pinA, acknowledged, writes.Token)).ToList();
        await WaitForAsync(() => acknowledged.Count >= 40, "40 writes acknowledged by node A");
        await _nodeA.KillAsync();
        var atKill = acknowledged.Count;
        await WaitForAsync(() => acknowledged.Count >= atKill + 20, "node B answering the writes pinned to node A");
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

    private async Task WaitForAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting for {what}. nginx: {_nginx.ErrorLog}");
            await Task.Delay(10);
        }
    }

    /// <summary>A browser signed in through nginx and kept on <paramref name="node"/> by its pin cookie.</summary>
    private async Task<IPage> ResponderOnAsync(RunningApp node)
    {
        var context = await published.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = _nginx.BaseUrl });
        var host = new Uri(_nginx.BaseUrl).Host;
        await context.AddCookiesAsync([new Cookie { Name = NginxBalancer.PinCookie, Value = await _nginx.PinFor(node.BaseUrl), Domain = host, Path = "/" }]);
        var page = await context.NewPageAsync();
        await TestAccounts.SignInAsync(page);
        return page;
    }

    private async Task WriteUntilCancelledAsync(string pin, ConcurrentBag<int> acknowledged, CancellationToken cancellationToken)
    {
        using var client = TestAccounts.ApiClient(_nginx.BaseUrl, TimeSpan.FromSeconds(30));
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
