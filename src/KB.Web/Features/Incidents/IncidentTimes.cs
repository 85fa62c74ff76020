namespace KB.Web.Features.Incidents;

/// <summary>The times of an incident as a responder corrects them after the fact.</summary>
public sealed record IncidentTimes(DateTime StartedAt, DateTime? DetectedAt, DateTime? IdentifiedAt, DateTime? MitigatedAt, DateTime? ResolvedAt)
{
    public static IncidentTimes Of(Incident incident) =>
        new(incident.StartedAt, incident.DetectedAt, incident.IdentifiedAt, incident.MitigatedAt, incident.ResolvedAt);

    /// <summary>What is wrong with these times, or null: each time must come after the start, and a resolved incident needs its resolution time.</summary>
    public string? Problem(IncidentStatus status)
    {
        foreach (var (name, time) in new[] { ("detected", DetectedAt), ("identified", IdentifiedAt), ("mitigated", MitigatedAt), ("resolved", ResolvedAt) })
        {
            if (time < StartedAt)
            {
                return $"The {name} time is before the start.";
            }
        }
        if (ResolvedAt is not null && status != IncidentStatus.Resolved)
        {
            return "Only a resolved incident has a resolution time.";
        }
        if (ResolvedAt is null && status == IncidentStatus.Resolved)
        {
            return "A resolved incident needs its resolution time.";
        }
        return null;
    }
}
