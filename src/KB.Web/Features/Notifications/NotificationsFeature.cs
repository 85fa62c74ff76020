namespace KB.Web.Features.Notifications;

public static class NotificationsFeature
{
    /// <summary>Incident events posted to the chat webhooks of <c>KB:Notifications:Webhooks</c>, and their delivery log.</summary>
    public static IServiceCollection AddNotifications(this IServiceCollection services)
    {
        services.AddSingleton(provider => NotificationSettings.From(provider.GetRequiredService<IConfiguration>()));
        services.AddHttpClient(WebhookClient.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan);
        services.AddSingleton<WebhookClient>();
        services.AddSingleton<WebhookQueue>();
        services.AddSingleton<DeliveryLog>();
        services.AddHostedService<WebhookSender>();
        return services;
    }
}
