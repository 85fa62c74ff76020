namespace KB.Web.Features.Incidents;

/// <summary>The fields of an incident that the audit trail compares before and after a change.</summary>
public sealed record IncidentSnapshot(
    string Title,
    string Service,
    string Severity,
    string Status,
    string? Cause,
    string? CauseRevision,
    IReadOnlyList<string> Checklist,
    DateTime StartedAt,
    DateTime? DetectedAt,
    DateTime? IdentifiedAt,
    DateTime? MitigatedAt,
    DateTime? ResolvedAt,
    string? ResolutionNote,
    int? FixedByStep,
    string? Note)
{
    public static IncidentSnapshot Of(Incident incident) => new(
        incident.Title, incident.Service, incident.Severity.ToString(), incident.Status.Key(), incident.Cause, incident.CauseRevision,
        incident.Checklist.OrderBy(item => item.Position).Select(item => item.Text).ToList(),
        incident.StartedAt, incident.DetectedAt, incident.IdentifiedAt, incident.MitigatedAt, incident.ResolvedAt,
        incident.ResolutionNote, incident.FixedByStep,
        AddedTimeline(incident).LastOrDefault(entry => entry.Kind == TimelineKinds.Note)?.Text);

    /// <summary>The timeline entries added since the incident was loaded (not saved yet, so without an id).</summary>
    public static IEnumerable<TimelineEntry> AddedTimeline(Incident incident) => incident.Timeline.Where(entry => entry.Id == 0);
}

/// <summary>The fields of a checklist step that the audit trail compares before and after a change.</summary>
public sealed record StepSnapshot(bool Done, string? DoneBy, DateTime? DoneAt, string? Note)
{
    public static StepSnapshot Of(ChecklistItem step) => new(step.Done, step.DoneBy, step.DoneAt, step.Note);
}
