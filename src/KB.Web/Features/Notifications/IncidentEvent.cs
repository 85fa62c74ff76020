using KB.Web.Features.Audit;
using KB.Web.Features.Incidents;

namespace KB.Web.Features.Notifications;

/// <summary>Something that happened to an incident that the team's chat hears of.</summary>
public sealed record IncidentEvent(string Kind, int IncidentId, string Title, string Service, string Severity, string Status, string? Cause, string Text, string Who, DateTime At)
{
    public const string Opened = "incident.opened";
    public const string CauseLinked = "incident.cause";
    public const string StatusChanged = "incident.status";
    public const string Resolved = "incident.resolved";
    public const string Test = "test";

    public string Headline => Kind switch
    {
        Opened => "Incident opened",
        CauseLinked => "Cause linked",
        StatusChanged => "Status changed",
        Resolved => "Incident resolved",
        _ => "Test message from 502 Desk",
    };

    public static IncidentEvent OpenedBy(Incident incident, string who) =>
        Of(Opened, incident, who, incident.Timeline.FirstOrDefault()?.Text ?? incident.Title, incident.CreatedAt);

    /// <summary>The event of a saved incident change, for the changes the chat hears of (by their audit action); null for the rest.</summary>
    public static IncidentEvent? After(string action, Incident incident, string who, IEnumerable<TimelineEntry> added, DateTime at)
    {
        var kind = action switch
        {
            AuditActions.IncidentCause => CauseLinked,
            AuditActions.IncidentStatus => StatusChanged,
            AuditActions.IncidentResolved => Resolved,
            _ => null,
        };
        return kind is null ? null : Of(kind, incident, who, string.Join("\n", added.Select(entry => entry.Text)), at);
    }

    public static IncidentEvent TestBy(string who, DateTime at) =>
        new(Test, 0, "Test message", "502 Desk", "SEV4", "resolved", null, $"{who} sent this to check that incident events reach this channel.", who, at);

    private static IncidentEvent Of(string kind, Incident incident, string who, string text, DateTime at) =>
        new(kind, incident.Id, incident.Title, incident.Service, incident.Severity.ToString(), incident.Status.Key(), incident.Cause, text, who, at);
}
