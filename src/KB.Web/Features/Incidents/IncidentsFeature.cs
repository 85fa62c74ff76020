using Microsoft.Extensions.DependencyInjection.Extensions;

namespace KB.Web.Features.Incidents;

public static class IncidentsFeature
{
    public static IServiceCollection AddIncidents(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IncidentNotifier>();
        services.AddSingleton<IncidentService>();
        services.AddSingleton<IncidentSearch>();
        services.AddSingleton<StepProposals>();
        services.AddSingleton<DashboardStats>();
        return services;
    }
}
