namespace KB.Web.Features.Alerts;

/// <summary>
/// A webhook payload as it arrived, kept until the background processor has turned it into incident changes. It is
/// written in one commit before the sender gets its 202, so a stop or crash before processing loses nothing.
/// </summary>
public sealed class AlertInboxItem
{
    public int Id { get; set; }
    public required string Source { get; set; }
    public required string Payload { get; set; }
    public required string ReceivedBy { get; set; }
    public DateTime ReceivedAt { get; set; }
    public DateTime? ProcessedAt { get; set; }
    public int Attempts { get; set; }
    public string? Problem { get; set; }

    /// <summary>The incidents the payload opened or updated, comma-separated ids.</summary>
    public string Incidents { get; set; } = "";
}

public static class AlertSources
{
    public const string Alertmanager = "alertmanager";
    public const string Generic = "generic";
}
