namespace KB.Web.Features.Knowledge;

public static class KnowledgeFeature
{
    public static IServiceCollection AddKnowledge(this IServiceCollection services)
    {
        services.AddSingleton(provider => ContentFolder.Resolve(provider.GetRequiredService<IConfiguration>(), provider.GetRequiredService<IHostEnvironment>()));
        services.AddSingleton<SearchIndex>();
        services.AddSingleton<KnowledgeBase>();
        services.AddHostedService<ContentWatcher>();
        return services;
    }

    /// <summary>Builds the catalog and the search index before the app takes requests.</summary>
    public static async Task LoadKnowledgeAsync(this WebApplication app) =>
        await app.Services.GetRequiredService<KnowledgeBase>().ReloadAsync();
}
