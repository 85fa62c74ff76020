namespace KB.Web.Features.Triage;

public static class TriageFeature
{
    public static IServiceCollection AddTriage(this IServiceCollection services) =>
        services.AddSingleton<TriageEngine>().AddSingleton<Unexplained.UnexplainedLines>();

    /// <summary>Compiles the cause signatures in the background once the knowledge base is loaded.</summary>
    public static void WarmUpTriage(this WebApplication app)
    {
        var engine = app.Services.GetRequiredService<TriageEngine>();
        _ = Task.Run(engine.WarmUp);
    }
}
