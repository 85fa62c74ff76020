using KB.Web.Features.Incidents;

namespace KB.Web.Features.Alerts;

/// <summary>One alert of a webhook payload, read into what an incident needs, whichever sender it came from.</summary>
public sealed record IncomingAlert(
    string Source,
    string Key,
    string? GroupKey,
    bool Firing,
    string Title,
    string Service,
    Severity Severity,
    string? SeverityNote,
    string ErrorLog,
    DateTime? StartsAt,
    DateTime? EndsAt,
    string Details)
{
    public string SourceName => Source == AlertSources.Alertmanager ? "Alertmanager" : "Webhook";
}
