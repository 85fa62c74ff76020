namespace KB.Web.Features.Notifications;

/// <summary>
/// <c>KB:Notifications</c>: the chat webhooks that hear of incident events, and how hard a delivery is tried.
/// <c>KB:PublicUrl</c> is the address people open the app at, for the link back to the incident in each message.
/// </summary>
public sealed class NotificationSettings
{
    public List<WebhookTarget> Webhooks { get; set; } = [];

    /// <summary>Retries after the first attempt, on a 5xx, 408, 429, a time-out or a connection failure.</summary>
    public int MaxRetries { get; set; } = 4;

    /// <summary>The first retry's delay; each next one doubles it (with jitter).</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long one attempt may take.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    public string? PublicUrl { get; set; }

    public static NotificationSettings From(IConfiguration configuration)
    {
        var settings = configuration.GetSection("KB:Notifications").Get<NotificationSettings>() ?? new NotificationSettings();
        settings.Webhooks = settings.Webhooks.Where(target => !string.IsNullOrWhiteSpace(target.Url)).ToList();
        settings.PublicUrl = configuration["KB:PublicUrl"]?.TrimEnd('/') is { Length: > 0 } url ? url : null;
        return settings;
    }

    /// <summary>The incident's page as people open it, or null without <c>KB:PublicUrl</c>.</summary>
    public string? IncidentUrl(int id) => PublicUrl is null ? null : $"{PublicUrl}/incidents/{id}";
}

public sealed class WebhookTarget
{
    public string Url { get; set; } = "";

    /// <summary><c>slack</c>, <c>teams</c>, <c>mattermost</c> or <c>generic</c>; anything else posts the generic event.</summary>
    public string Format { get; set; } = WebhookFormats.Generic;

    /// <summary>The target as the delivery log names it: number, format and host, not the URL's secret path.</summary>
    public string Label(int number) =>
        $"#{number} {WebhookFormats.Of(Format)} {(Uri.TryCreate(Url, UriKind.Absolute, out var uri) ? uri.Host : "(invalid URL)")}";
}

public static class WebhookFormats
{
    public const string Slack = "slack";
    public const string Teams = "teams";
    public const string Mattermost = "mattermost";
    public const string Generic = "generic";

    public static string Of(string? format) => format?.Trim().ToLowerInvariant() switch
    {
        Slack => Slack,
        Teams => Teams,
        Mattermost => Mattermost,
        _ => Generic,
    };
}
