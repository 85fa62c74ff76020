namespace KB.Web.Features.Triage;

public static class TriageFeature
{
    public static IServiceCollection AddTriage(this IServiceCollection services) =>
        services.AddSingleton<TriageEngine>();
}
