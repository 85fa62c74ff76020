using KB.Web.Features.Response;

namespace KB.Web.Features.Incidents;

/// <summary>An observed 502 outage, from the first report to its resolution.</summary>
public sealed class Incident
{
    public int Id { get; set; }
    public required string Title { get; set; }
    public required string Service { get; set; }
    public string? Environment { get; set; }

    /// <summary>The proxy or load balancer that answered 502 (an emitter name such as nginx or aws-alb).</summary>
    public string? Proxy { get; set; }

    public Severity Severity { get; set; } = Severity.SEV3;
    public IncidentStatus Status { get; set; } = IncidentStatus.Investigating;
    public DateTime StartedAt { get; set; }
    public DateTime? DetectedAt { get; set; }
    public DateTime? IdentifiedAt { get; set; }
    public DateTime? MitigatedAt { get; set; }
    public DateTime? ResolvedAt { get; set; }
    public string ErrorLog { get; set; } = "";

    /// <summary>The triage suggestions for the error log, as JSON, taken when the incident was logged.</summary>
    public string Suggestions { get; set; } = "[]";

    /// <summary>The values the checklist's commands are filled with, as JSON: read from the error log or corrected by a responder.</summary>
    public string CommandValues { get; set; } = "[]";

    /// <summary>The linked cause's slug, and the revision of its article that the checklist was copied from.</summary>
    public string? Cause { get; set; }
    public string? CauseRevision { get; set; }

    public string? ResolutionNote { get; set; }

    /// <summary>The checklist step that fixed it.</summary>
    public int? FixedByStep { get; set; }

    public DateTime CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
    public int Version { get; set; } = 1;

    public List<ChecklistItem> Checklist { get; set; } = [];
    public List<TimelineEntry> Timeline { get; set; } = [];
    public List<IncidentRole> Roles { get; set; } = [];
    public List<FollowUp> FollowUps { get; set; } = [];

    public bool IsOpen => Status != IncidentStatus.Resolved;
}

public enum Severity
{
    SEV1 = 1,
    SEV2,
    SEV3,
    SEV4,
}

public enum IncidentStatus
{
    Investigating,
    Identified,
    Mitigated,
    Resolved,
}

/// <summary>One step of the fix checklist, copied from the cause article when the cause was linked, or added by a responder.</summary>
public sealed class ChecklistItem
{
    public int Id { get; set; }
    public int IncidentId { get; set; }
    public int Position { get; set; }
    public required string Text { get; set; }
    public bool Done { get; set; }
    public string? DoneBy { get; set; }
    public DateTime? DoneAt { get; set; }
    public string? Note { get; set; }
    public int Version { get; set; } = 1;

    /// <summary>The article's step with its <c>{{name:example}}</c> placeholders, to fill again when a value is corrected; null when it has none.</summary>
    public string? Template { get; set; }
    /// <summary>Who added the step during the incident; null for the steps copied from the cause article.</summary>
    public string? AddedBy { get; set; }
    public DateTime? AddedAt { get; set; }
}

public sealed class TimelineEntry
{
    public int Id { get; set; }
    public int IncidentId { get; set; }
    public DateTime At { get; set; }
    public required string Who { get; set; }
    public required string Kind { get; set; }
    public required string Text { get; set; }
}

/// <summary>The kinds of timeline entry. Manual notes are "note"; the rest are written by the app.</summary>
public static class TimelineKinds
{
    public const string Created = "created";
    public const string Status = "status";
    public const string Cause = "cause";
    public const string Step = "step";
    public const string Note = "note";
    public const string Edit = "edit";
    public const string Resolution = "resolution";
    public const string Role = "role";
    public const string Update = "update";
    public const string FollowUp = "follow-up";
    public const string Alert = "alert";

    /// <summary>Every alert linked to the incident has resolved: the page offers to mark it mitigated.</summary>
    public const string AlertsResolved = "alerts-resolved";
}

public static class IncidentNames
{
    public static string Key(this IncidentStatus status) => status.ToString().ToLowerInvariant();

    public static bool TryParseStatus(string? text, out IncidentStatus status) =>
        Enum.TryParse(text?.Trim(), ignoreCase: true, out status) && Enum.IsDefined(status);

    public static bool TryParseSeverity(string? text, out Severity severity) =>
        Enum.TryParse(text?.Trim(), ignoreCase: true, out severity) && Enum.IsDefined(severity) && !int.TryParse(text, out _);
}
