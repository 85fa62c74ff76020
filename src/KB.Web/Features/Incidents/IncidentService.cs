using System.Globalization;
using System.Text.Json;
using KB.Web.Data;
using KB.Web.Features.Audit;
using KB.Web.Features.Knowledge;
using KB.Web.Features.Notifications;
using KB.Web.Features.Triage;
using KB.Web.Features.Triage.Runbook;
using KB.Web.Features.Triage.Unexplained;
using Microsoft.EntityFrameworkCore;

namespace KB.Web.Features.Incidents;

/// <summary>
/// The incident lifecycle: logging, status, cause and checklist, notes, times. Every change is on the timeline, and
/// writes an audit entry in the same save, so no change lands without its entry.
/// </summary>
public sealed class IncidentService(IDbContextFactory<KbDb> dbFactory, KnowledgeBase knowledgeBase, TriageEngine triage, UnexplainedLines unexplained, IncidentNotifier notifier, WebhookQueue announcements, TimeProvider clock, ILogger<IncidentService> logger)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public Task<Incident> CreateAsync(IncidentDraft draft, string who, CancellationToken cancellationToken = default) =>
        CreateAsync(draft, who, alongside: null, cancellationToken);

    /// <summary>Logs an incident; <paramref name="alongside"/> adds rows that must be saved with it or not at all (an alert's link).</summary>
    public async Task<Incident> CreateAsync(IncidentDraft draft, string who, Action<KbDb, Incident>? alongside, CancellationToken cancellationToken)
    {
        var now = Now;
        var errorLog = draft.ErrorLog?.Trim() ?? "";
        var triaged = await TriageAsync(errorLog, cancellationToken);
        var suggestions = triaged is null ? [] : Suggest(triaged);
        var severity = IncidentNames.TryParseSeverity(draft.Severity, out var parsed) ? parsed : Severity.SEV3;
        var incident = new Incident
        {
            Title = draft.Title!.Trim(),
            Service = draft.Service!.Trim(),
            Environment = Blank(draft.Environment),
            Proxy = Blank(draft.Proxy)?.ToLowerInvariant(),
            Severity = severity,
            StartedAt = draft.StartedAt?.ToUniversalTime() ?? now,
            DetectedAt = draft.DetectedAt?.ToUniversalTime() ?? now,
            ErrorLog = errorLog,
            Suggestions = JsonSerializer.Serialize(suggestions, Json),
            CreatedAt = now,
            CreatedBy = who,
        };
        incident.Timeline.Add(Entry(now, who, TimelineKinds.Created, $"Logged as {severity} on {incident.Service}: {incident.Title}"));
        if (Blank(draft.Cause) is { } cause && knowledgeBase.Current.Find(cause) is { } article)
        {
            LinkCause(incident, article, keepProgress: false, who, now);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Incidents.Add(incident);
        var added = incident.Timeline.ToList();
        await db.SaveChangesAsync(cancellationToken);
        // The entry names the incident by the id its insert was given, in the same transaction.
        db.AuditEntries.Add(AuditEntry.Of(now, who, AuditActions.IncidentCreated, AuditSubjects.Incident, SubjectId(incident.Id),
            AuditSummary(incident.Id, added), after: IncidentSnapshot.Of(incident)));
        alongside?.Invoke(db, incident);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        announcements.Announce(IncidentEvent.OpenedBy(incident, who));
        if (triaged is not null)
        {
            // Once per incident, as /triage keeps a paste it could not read: only the masked lines, and only then.
            await unexplained.RecordAsync(errorLog, triaged, cancellationToken);
        }
        return incident;
    }

    /// <summary>
    /// Triage's answer for the pasted log, or null. It only helps: a paste triage cannot read costs the suggestions,
    /// never the responder's report.
    /// </summary>
    private async Task<TriageResult?> TriageAsync(string errorLog, CancellationToken cancellationToken)
    {
        if (errorLog.Length == 0)
        {
            return null;
        }
        try
        {
            return await triage.TriageAsync(errorLog, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogError(exception, "Triage failed on the error log of a new incident; it is logged without suggestions");
            return null;
        }
    }

    private static List<Suggestion> Suggest(TriageResult triaged) =>
        triaged.Candidates
            .Select(candidate => new Suggestion(candidate.Cause, candidate.Title, candidate.Confidence, candidate.Evidence.Take(2).Select(evidence => evidence.MatchedText).ToList()))
            .ToList();

    public async Task<Incident?> FindAsync(int id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var incident = await db.Incidents.AsNoTracking().AsSplitQuery()
            .Include(x => x.Checklist.OrderBy(item => item.Position))
            .Include(x => x.Timeline.OrderBy(entry => entry.At).ThenBy(entry => entry.Id))
            .Include(x => x.Roles)
            .Include(x => x.FollowUps.OrderBy(followUp => followUp.CreatedAt).ThenBy(followUp => followUp.Id))
            .SingleOrDefaultAsync(x => x.Id == id, cancellationToken);
        return incident;
    }

    public static IReadOnlyList<Suggestion> SuggestionsOf(Incident incident) =>
        JsonSerializer.Deserialize<List<Suggestion>>(incident.Suggestions, Json) ?? [];

    public Task<ChangeResult> ChangeStatusAsync(int id, IncidentStatus status, int expectedVersion, string who, CancellationToken cancellationToken = default) =>
        ChangeAsync(id, expectedVersion, AuditActions.IncidentStatus, who, incident =>
        {
            if (incident.Status == status)
            {
                return null;
            }
            if (status == IncidentStatus.Resolved)
            {
                return "Resolve the incident with a resolution note.";
            }
            var from = incident.Status;
            incident.Status = status;
            var now = Now;
            // Moving back clears the times of the phases left; moving on stamps the phases reached.
            incident.IdentifiedAt = status >= IncidentStatus.Identified ? incident.IdentifiedAt ?? now : null;
            incident.MitigatedAt = status >= IncidentStatus.Mitigated ? incident.MitigatedAt ?? now : null;
            incident.ResolvedAt = null;
            incident.Timeline.Add(Entry(now, who, TimelineKinds.Status, $"Status {from.Key()} → {status.Key()}"));
            return null;
        }, cancellationToken);

    public Task<ChangeResult> ChangeSeverityAsync(int id, Severity severity, int expectedVersion, string who, CancellationToken cancellationToken = default) =>
        ChangeAsync(id, expectedVersion, AuditActions.IncidentSeverity, who, incident =>
        {
            if (incident.Severity != severity)
            {
                incident.Timeline.Add(Entry(Now, who, TimelineKinds.Edit, $"Severity {incident.Severity} → {severity}"));
                incident.Severity = severity;
            }
            return null;
        }, cancellationToken);

    public Task<ChangeResult> ResolveAsync(int id, string? note, int? fixedByStep, int expectedVersion, string who, CancellationToken cancellationToken = default) =>
        ChangeAsync(id, expectedVersion, AuditActions.IncidentResolved, who, incident =>
        {
            if (string.IsNullOrWhiteSpace(note))
            {
                return "Say in a sentence what fixed it.";
            }
            if (LengthLimit.Problem(note.Trim(), MaxResolutionNote, "What fixed it") is { } tooLong)
            {
                return tooLong;
            }
            if (fixedByStep is { } stepId && incident.Checklist.All(item => item.Id != stepId))
            {
                return "The step that fixed it is not on this incident's checklist.";
            }
            var now = Now;
            var from = incident.Status;
            incident.Status = IncidentStatus.Resolved;
            incident.IdentifiedAt ??= now;
            incident.MitigatedAt ??= now;
            incident.ResolvedAt = now;
            incident.ResolutionNote = note.Trim();
            incident.FixedByStep = fixedByStep;
            var step = incident.Checklist.FirstOrDefault(item => item.Id == fixedByStep);
            incident.Timeline.Add(Entry(now, who, TimelineKinds.Status, $"Status {from.Key()} → resolved"));
            incident.Timeline.Add(Entry(now, who, TimelineKinds.Resolution, step is null ? note.Trim() : $"{note.Trim()} (fixed by: {step.Text})"));
            return null;
        }, cancellationToken);

    /// <summary>
    /// Links a cause and copies its article's checklist as a snapshot. Changing the cause can keep the progress of
    /// steps that the new checklist shares with the old one.
    /// </summary>
    public Task<ChangeResult> LinkCauseAsync(int id, string cause, bool keepProgress, int expectedVersion, string who, CancellationToken cancellationToken = default) =>
        ChangeAsync(id, expectedVersion, AuditActions.IncidentCause, who, incident =>
        {
            if (knowledgeBase.Current.Find(cause) is not { Category: ArticleCategory.Cause } article)
            {
                return $"\"{cause}\" is not a known cause.";
            }
            if (incident.Cause == article.Slug && incident.CauseRevision == article.Revision)
            {
                return null;
            }
            LinkCause(incident, article, keepProgress, who, Now);
            return null;
        }, cancellationToken);

    public Task<ChangeResult> AddNoteAsync(int id, string? text, string who, CancellationToken cancellationToken = default) =>
        ChangeAsync(id, expectedVersion: null, AuditActions.IncidentNote, who, incident =>
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                return "Write the note first.";
            }
            if (LengthLimit.Problem(text.Trim(), MaxNote, "A note") is { } tooLong)
            {
                return tooLong;
            }
            incident.Timeline.Add(Entry(Now, who, TimelineKinds.Note, text.Trim()));
            return null;
        }, cancellationToken);

    /// <summary>Writes what a monitoring alert said about the incident on its timeline (kind alert or alerts-resolved).</summary>
    public Task<ChangeResult> RecordAlertAsync(int id, string kind, string text, string who, CancellationToken cancellationToken = default) =>
        ChangeAsync(id, expectedVersion: null, AuditActions.IncidentAlert, who, incident =>
        {
            incident.Timeline.Add(Entry(Now, who, kind, text));
            return null;
        }, cancellationToken);

    public Task<ChangeResult> UpdateTimesAsync(int id, IncidentTimes times, int expectedVersion, string who, CancellationToken cancellationToken = default) =>
        ChangeAsync(id, expectedVersion, AuditActions.IncidentTimes, who, incident =>
        {
            if (times.Problem(incident.Status) is { } problem)
            {
                return problem;
            }
            incident.StartedAt = times.StartedAt;
            incident.DetectedAt = times.DetectedAt;
            incident.IdentifiedAt = times.IdentifiedAt;
            incident.MitigatedAt = times.MitigatedAt;
            incident.ResolvedAt = times.ResolvedAt;
            incident.Timeline.Add(Entry(Now, who, TimelineKinds.Edit, "Times edited"));
            return null;
        }, cancellationToken);

    public const int MaxNote = 4000;
    public const int MaxResolutionNote = 2000;

    /// <summary>Ticks or unticks a step. A step changed by someone else since it was read is not overwritten.</summary>
    public Task<ChangeResult> SetStepDoneAsync(int id, int stepId, bool done, int expectedStepVersion, string who, CancellationToken cancellationToken = default) =>
        ChangeStepAsync(id, stepId, expectedStepVersion, done ? AuditActions.StepDone : AuditActions.StepUndone, who, (incident, step) =>
        {
            if (step.Done == done)
            {
                return null;
            }
            var now = Now;
            step.Done = done;
            step.DoneBy = done ? who : null;
            step.DoneAt = done ? now : null;
            incident.Timeline.Add(Entry(now, who, TimelineKinds.Step, $"{(done ? "Ticked" : "Unticked")}: {step.Text}"));
            return null;
        }, cancellationToken);

    public Task<ChangeResult> SetStepNoteAsync(int id, int stepId, string? note, int expectedStepVersion, string who, CancellationToken cancellationToken = default) =>
        ChangeStepAsync(id, stepId, expectedStepVersion, AuditActions.StepNote, who, (incident, step) =>
        {
            if (LengthLimit.Problem(note?.Trim(), MaxStepNote, "A step note") is { } tooLong)
            {
                return tooLong;
            }
            step.Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
            incident.Timeline.Add(Entry(Now, who, TimelineKinds.Note, step.Note is null ? $"Note removed from: {step.Text}" : $"On \"{step.Text}\": {step.Note}"));
            return null;
        }, cancellationToken);

    public const int MaxStepNote = 500;

    /// <summary>
    /// Corrects a value of the checklist's commands and fills the unticked steps again with it; ticked steps keep the
    /// command that was run.
    /// </summary>
    public Task<ChangeResult> CorrectValueAsync(int id, string name, string? value, int expectedVersion, string who, CancellationToken cancellationToken = default) =>
        ChangeAsync(id, expectedVersion, AuditActions.IncidentValue, who, incident =>
        {
            var text = value?.Trim() ?? "";
            if (text.Length == 0)
            {
                return PasteValueField.Missing;
            }
            if (PasteValueField.Problem(text) is { } problem)
            {
                return problem;
            }
            if (CommandValues.Fields(incident).FirstOrDefault(field => field.Name == name) is not { } field)
            {
                return $"This incident's commands do not use a value named \"{name}\".";
            }
            if (field.Value == text)
            {
                return null;
            }
            var values = CommandValues.Of(incident).Where(kept => kept.Name != name).Append(new CommandValue(name, text, 0, who)).ToList();
            CommandValues.Keep(incident, values);
            var fill = CommandValues.ToFill(values);
            var refilled = 0;
            foreach (var step in incident.Checklist.Where(step => step is { Done: false, Template: not null }))
            {
                var filled = RunbookFiller.Fill(step.Template!, fill).Text;
                if (filled != step.Text)
                {
                    step.Text = filled;
                    step.Version++;
                    refilled++;
                }
            }
            incident.Timeline.Add(Entry(Now, who, TimelineKinds.Edit,
                $"Value {field.Label} corrected: {field.Value} → {text} ({refilled} unticked {(refilled == 1 ? "step" : "steps")} filled again)"));
            return null;
        }, cancellationToken);

    /// <summary>
    /// Adds a step the article lacks at the end of the checklist, marked with who added it. Like a note it only adds,
    /// so when someone else saved first it is added on top of their change instead of being refused.
    /// </summary>
    public Task<ChangeResult> AddStepAsync(int id, string? text, string who, CancellationToken cancellationToken = default) =>
        ChangeAsync(id, expectedVersion: null, AuditActions.StepAdded, who, incident =>
        {
            var step = string.Join(' ', (text ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
            if (step.Length == 0)
            {
                return "Write the step first.";
            }
            if (LengthLimit.Problem(step, MaxStepText, "A step") is { } tooLong)
            {
                return tooLong;
            }
            if (incident.Checklist.FirstOrDefault(item => string.Equals(item.Text, step, StringComparison.OrdinalIgnoreCase)) is { } existing)
            {
                return $"Step {existing.Position + 1} already says that.";
            }
            var now = Now;
            incident.Checklist.Add(new ChecklistItem
            {
                Position = incident.Checklist.Count == 0 ? 0 : incident.Checklist.Max(item => item.Position) + 1,
                Text = step,
                AddedBy = who,
                AddedAt = now,
            });
            incident.Timeline.Add(Entry(now, who, TimelineKinds.Step, $"{AddedStepPrefix} {step}"));
            return null;
        }, cancellationToken);

    public const int MaxStepText = 500;

    /// <summary>How the timeline entry of an added step begins; the rest is the step's text.</summary>
    public const string AddedStepPrefix = "Added step:";

    /// <summary>Writes on the timeline that the incident's steps went to the cause article (proposed or saved).</summary>
    public Task<ChangeResult> RecordArticleChangeAsync(int id, string text, string who, CancellationToken cancellationToken = default) =>
        ChangeAsync(id, expectedVersion: null, AuditActions.IncidentArticleChange, who, incident =>
        {
            incident.Timeline.Add(Entry(Now, who, TimelineKinds.Edit, text));
            return null;
        }, cancellationToken);

    private static void LinkCause(Incident incident, Article article, bool keepProgress, string who, DateTime now)
    {
        var previous = incident.Cause;
        var done = keepProgress ? incident.Checklist.Where(item => item.Done).ToDictionary(item => item.Text, item => item) : [];
        var added = incident.Checklist.Where(item => item.AddedBy is not null).OrderBy(item => item.Position).ToList();
        incident.Checklist.Clear();
        // The article's example commands, with this incident's values: read from its log, or as a responder corrected them.
        var values = CommandValues.Of(incident);
        if (values.Count == 0)
        {
            values = CommandValues.Read(incident.ErrorLog);
            CommandValues.Keep(incident, values);
        }
        var fill = CommandValues.ToFill(values);
        foreach (var (step, position) in article.Checklist.Select((step, position) => (step, position)))
        {
            var text = RunbookFiller.Fill(step, fill).Text;
            var kept = done.GetValueOrDefault(text);
            incident.Checklist.Add(new ChecklistItem
            {
                Position = position,
                Text = text,
                Template = RunbookFiller.Placeholders(step).Any() ? step : null,
                Done = kept is not null,
                DoneBy = kept?.DoneBy,
                DoneAt = kept?.DoneAt,
                Note = kept?.Note,
            });
        }
        KeepAddedSteps(incident, added, keepProgress);
        incident.Cause = article.Slug;
        incident.CauseRevision = article.Revision;
        incident.FixedByStep = null;
        var description = previous is null || previous == article.Slug
            ? $"Cause linked: {article.Title} ({article.Checklist.Count} checklist steps, article revision {article.Revision})"
            : $"Cause changed from {previous} to {article.Title}; checklist progress {(keepProgress ? "kept where steps match" : "cleared")}";
        incident.Timeline.Add(Entry(now, who, TimelineKinds.Cause, description));
        if (incident.Status == IncidentStatus.Investigating)
        {
            incident.Status = IncidentStatus.Identified;
            incident.Timeline.Add(Entry(now, who, TimelineKinds.Status, "Status investigating → identified"));
        }
        incident.IdentifiedAt ??= now;
    }

    /// <summary>Steps responders added stay after the new article's steps, unless the new checklist has them already.</summary>
    private static void KeepAddedSteps(Incident incident, List<ChecklistItem> added, bool keepProgress)
    {
        foreach (var step in added.Where(step => incident.Checklist.All(item => !string.Equals(item.Text, step.Text, StringComparison.OrdinalIgnoreCase))))
        {
            incident.Checklist.Add(new ChecklistItem
            {
                Position = incident.Checklist.Count,
                Text = step.Text,
                Done = keepProgress && step.Done,
                DoneBy = keepProgress ? step.DoneBy : null,
                DoneAt = keepProgress ? step.DoneAt : null,
                Note = step.Note,
                AddedBy = step.AddedBy,
                AddedAt = step.AddedAt,
            });
        }
    }

    /// <summary>Loads the incident, applies <paramref name="change"/> (which returns a problem or null) and saves it with its audit entry.</summary>
    private async Task<ChangeResult> ChangeAsync(int id, int? expectedVersion, string action, string who, Func<Incident, string?> change, CancellationToken cancellationToken)
    {
        // A change that expects no version (a note) only adds to the incident: when someone else saved first, it is
        // applied again on top of theirs instead of being refused.
        for (var attempt = 1; ; attempt++)
        {
            var result = await ChangeOnceAsync(id, expectedVersion, action, who, change, cancellationToken);
            if (result.Outcome != ChangeOutcome.Conflict || expectedVersion is not null || attempt == MaxAppendAttempts)
            {
                return result;
            }
        }
    }

    private const int MaxAppendAttempts = 20;

    private async Task<ChangeResult> ChangeOnceAsync(int id, int? expectedVersion, string action, string who, Func<Incident, string?> change, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = expectedVersion is null && db.Database.IsNpgsql() ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        if (transaction is not null)
        {
            // PostgreSQL runs writers side by side (SQLite one at a time): an append takes the incident's row first, so
            // fifty responders adding notes at once queue for it instead of all but one conflicting again and again.
            await db.Database.ExecuteSqlAsync($"SELECT 1 FROM incidents WHERE id = {id} FOR UPDATE", cancellationToken);
        }
        var incident = await db.Incidents.AsTracking().Include(x => x.Checklist).SingleOrDefaultAsync(x => x.Id == id, cancellationToken);
        if (incident is null)
        {
            return ChangeResult.NotFound;
        }
        if (expectedVersion is { } version && incident.Version != version)
        {
            return ChangeResult.Conflict;
        }
        var before = IncidentSnapshot.Of(incident);
        if (change(incident) is { } problem)
        {
            return ChangeResult.Invalid(problem);
        }
        if (!db.ChangeTracker.HasChanges())
        {
            return ChangeResult.Done;
        }
        incident.Version++;
        db.AuditEntries.Add(AuditEntry.Of(Now, who, action, AuditSubjects.Incident, SubjectId(id),
            AuditSummary(id, IncidentSnapshot.AddedTimeline(incident)), before, IncidentSnapshot.Of(incident)));
        var announcement = IncidentEvent.After(action, incident, who, IncidentSnapshot.AddedTimeline(incident), Now);
        var result = await SaveAsync(db, id, cancellationToken, transaction);
        if (result.Outcome == ChangeOutcome.Done && announcement is not null)
        {
            announcements.Announce(announcement);
        }
        return result;
    }

    private async Task<ChangeResult> ChangeStepAsync(int id, int stepId, int expectedStepVersion, string action, string who, Func<Incident, ChecklistItem, string?> change, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var incident = await db.Incidents.AsTracking().SingleOrDefaultAsync(x => x.Id == id, cancellationToken);
        var step = await db.ChecklistItems.AsTracking().SingleOrDefaultAsync(x => x.Id == stepId && x.IncidentId == id, cancellationToken);
        if (incident is null || step is null)
        {
            return ChangeResult.NotFound;
        }
        if (step.Version != expectedStepVersion)
        {
            return ChangeResult.Conflict;
        }
        var before = StepSnapshot.Of(step);
        if (change(incident, step) is { } problem)
        {
            return ChangeResult.Invalid(problem);
        }
        if (!db.ChangeTracker.HasChanges())
        {
            return ChangeResult.Done;
        }
        step.Version++;
        db.AuditEntries.Add(AuditEntry.Of(Now, who, action, AuditSubjects.Incident, SubjectId(id),
            AuditSummary(id, IncidentSnapshot.AddedTimeline(incident)), before, StepSnapshot.Of(step)));
        return await SaveAsync(db, id, cancellationToken);
    }

    private async Task<ChangeResult> SaveAsync(KbDb db, int id, CancellationToken cancellationToken, Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction? transaction = null)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            if (transaction is not null)
            {
                await transaction.CommitAsync(cancellationToken);
            }
        }
        catch (DbUpdateConcurrencyException)
        {
            return ChangeResult.Conflict;
        }
        notifier.Publish(id);
        return ChangeResult.Done;
    }

    private static string SubjectId(int id) => id.ToString(CultureInfo.InvariantCulture);

    /// <summary>One line for the audit trail: the incident's number and what the change wrote on its timeline.</summary>
    private static string AuditSummary(int id, IEnumerable<TimelineEntry> added) => $"#{id} {string.Join("; ", added.Select(entry => entry.Text))}";

    private static TimelineEntry Entry(DateTime at, string who, string kind, string text) =>
        new() { At = at, Who = who, Kind = kind, Text = text };

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

/// <summary>A triage suggestion as kept on the incident.</summary>
public sealed record Suggestion(string Cause, string Title, double Confidence, IReadOnlyList<string> Evidence);

public sealed record ChangeResult(ChangeOutcome Outcome, string? Problem = null)
{
    public static ChangeResult Done { get; } = new(ChangeOutcome.Done);
    public static ChangeResult NotFound { get; } = new(ChangeOutcome.NotFound, "The incident no longer exists.");
    public static ChangeResult Conflict { get; } = new(ChangeOutcome.Conflict, "Someone else changed this incident a moment ago. Their change is shown now; check it and try again.");

    public static ChangeResult Invalid(string problem) => new(ChangeOutcome.Invalid, problem);
}

public enum ChangeOutcome
{
    Done,
    NotFound,
    Conflict,
    Invalid,
}
