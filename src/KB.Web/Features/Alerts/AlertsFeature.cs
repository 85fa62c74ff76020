namespace KB.Web.Features.Alerts;

public static class AlertsFeature
{
    public static IServiceCollection AddAlerts(this IServiceCollection services)
    {
        services.AddSingleton<AlertServiceLabels>();
        services.AddSingleton<AlertInbox>();
        services.AddSingleton<AlertIntake>();
        services.AddHostedService<AlertProcessor>();
        return services;
    }
}
