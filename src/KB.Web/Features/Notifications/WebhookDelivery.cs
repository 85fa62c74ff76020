namespace KB.Web.Features.Notifications;

/// <summary>One message posted to a chat webhook, as the delivery log shows it: when, where, what, and how it went.</summary>
public sealed class WebhookDelivery
{
    public int Id { get; set; }
    public DateTime At { get; set; }

    /// <summary>The webhook's number, format and host; never its whole URL, which holds the chat's secret.</summary>
    public required string Target { get; set; }
    public required string Event { get; set; }
    public int? IncidentId { get; set; }
    public int? StatusCode { get; set; }
    public int Attempts { get; set; }
    public bool Delivered { get; set; }
    public string? Error { get; set; }

    public const int MaxError = 500;
}
