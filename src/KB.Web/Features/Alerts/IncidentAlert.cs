namespace KB.Web.Features.Alerts;

/// <summary>
/// An alert linked to the incident it opened or joined. A later notification with the same key, or from the same
/// Alertmanager group, updates that incident while it is open.
/// </summary>
public sealed class IncidentAlert
{
    public int Id { get; set; }
    public int IncidentId { get; set; }

    /// <summary>"alertmanager:&lt;fingerprint&gt;" or "generic:&lt;dedupKey&gt;".</summary>
    public required string Key { get; set; }

    /// <summary>Alertmanager's groupKey, so a new alert of the same group joins the group's incident.</summary>
    public string? GroupKey { get; set; }

    public required string Name { get; set; }
    public bool Firing { get; set; }
    public DateTime FirstSeenAt { get; set; }
    public DateTime LastSeenAt { get; set; }
}
