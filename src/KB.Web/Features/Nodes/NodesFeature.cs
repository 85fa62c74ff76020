using StackExchange.Redis;

namespace KB.Web.Features.Nodes;

public static class NodesFeature
{
    /// <summary>With <c>ConnectionStrings:Redis</c> set, live updates and article edits reach every node; without it, one node serves.</summary>
    public static IServiceCollection AddNodes(this IServiceCollection services, IConfiguration configuration)
    {
        if (configuration.GetConnectionString("Redis") is not { Length: > 0 } redis)
        {
            services.AddSingleton<IPeerNodes, SingleNode>();
            return services;
        }
        var options = ConfigurationOptions.Parse(redis);
        // Start and keep serving while Redis is away: the client reconnects by itself, and nodes only lose nudges meanwhile.
        options.AbortOnConnectFail = false;
        services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(options));
        services.AddSingleton<RedisPeers>();
        services.AddSingleton<IPeerNodes>(provider => provider.GetRequiredService<RedisPeers>());
        services.AddHostedService(provider => provider.GetRequiredService<RedisPeers>());
        return services;
    }
}
