namespace KB.EndToEnd.MultiNode;

/// <summary>Nodes of the published app, all with the same settings, behind one nginx; stopped with it on dispose.</summary>
public sealed class BalancedNodes : IAsyncDisposable
{
    private BalancedNodes(IReadOnlyList<RunningApp> nodes, NginxBalancer nginx)
    {
        Nodes = nodes;
        Nginx = nginx;
    }

    public IReadOnlyList<RunningApp> Nodes { get; }

    public NginxBalancer Nginx { get; }

    /// <summary>Starts the nodes one after another (each is healthy, its migrations done, before the next starts), then nginx.</summary>
    public static async Task<BalancedNodes> StartAsync(string publishFolder, int count, IDictionary<string, string> settings)
    {
        var app = Path.Combine(publishFolder, "KB.Web");
        var nodes = new List<RunningApp>();
        try
        {
            for (var i = 0; i < count; i++)
            {
                nodes.Add(await RunningApp.StartAsync(app, [], publishFolder, settings));
            }
            return new BalancedNodes(nodes, await NginxBalancer.StartAsync(nodes.Select(node => node.BaseUrl)));
        }
        catch
        {
            foreach (var node in nodes)
            {
                await node.DisposeAsync();
            }
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Nginx.DisposeAsync();
        foreach (var node in Nodes)
        {
            await node.DisposeAsync();
        }
    }
}
