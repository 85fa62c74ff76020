using KB.EndToEnd;
using KB.EndToEnd.MultiNode;
using Microsoft.Playwright;

namespace KB.NodeBench;

/// <summary>One way of running 502 Desk that the figures are taken on: behind nginx, every node is on Redis too.</summary>
internal sealed record Setup(string Name, int Nodes, bool OnPostgres, bool BehindNginx);

/// <summary>
/// A setup's nodes running: straight to the one node, or through nginx with every node on Redis; clients are put on a
/// node by nginx's pin cookie.
/// </summary>
internal sealed class Deployment : IAsyncDisposable
{
    private readonly IAsyncDisposable _running;
    private readonly NginxBalancer? _nginx;

    private Deployment(IAsyncDisposable running, string baseUrl, IReadOnlyList<string> nodeUrls, NginxBalancer? nginx)
    {
        _running = running;
        _nginx = nginx;
        BaseUrl = baseUrl;
        NodeUrls = nodeUrls;
    }

    public string BaseUrl { get; }

    public IReadOnlyList<string> NodeUrls { get; }

    public static async Task<Deployment> StartAsync(Setup setup, string publishFolder, Func<Task<string>> newPostgresDatabase, string sqliteFile, string redis)
    {
        var settings = new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Production" };
        if (setup.OnPostgres)
        {
            settings["KB__Database__Provider"] = "postgres";
            settings["ConnectionStrings__KB"] = await newPostgresDatabase();
        }
        else
        {
            settings["ConnectionStrings__KB"] = $"Data Source={sqliteFile}";
        }
        if (!setup.BehindNginx)
        {
            var node = await RunningApp.StartAsync(Path.Combine(publishFolder, "KB.Web"), [], publishFolder, settings);
            return new Deployment(node, node.BaseUrl, [node.BaseUrl], null);
        }
        settings["ConnectionStrings__Redis"] = redis;
        var nodes = await BalancedNodes.StartAsync(publishFolder, setup.Nodes, settings);
        return new Deployment(nodes, nodes.Nginx.BaseUrl, [.. nodes.Nodes.Select(node => node.BaseUrl)], nodes.Nginx);
    }

    /// <summary>An API client, sending the configured token, whose requests go to node <paramref name="node"/>.</summary>
    public async Task<HttpClient> ApiClientOnAsync(int node)
    {
        var client = TestAccounts.ApiClient(BaseUrl, TimeSpan.FromSeconds(30));
        if (_nginx is not null)
        {
            client.DefaultRequestHeaders.Add("Cookie", $"{NginxBalancer.PinCookie}={await _nginx.PinFor(NodeUrls[node])}");
        }
        return client;
    }

    /// <summary>A browser page signed in as the admin, served by node <paramref name="node"/>.</summary>
    public async Task<IPage> ResponderOnAsync(IBrowser browser, int node)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseUrl });
        if (_nginx is not null)
        {
            await _nginx.PinAsync(context, NodeUrls[node]);
        }
        var page = await context.NewPageAsync();
        await TestAccounts.SignInAsync(page);
        return page;
    }

    public ValueTask DisposeAsync() => _running.DisposeAsync();
}
