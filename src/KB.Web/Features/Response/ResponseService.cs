using System.Globalization;
using KB.Web.Data;
using KB.Web.Features.Accounts;
using KB.Web.Features.Audit;
using KB.Web.Features.Incidents;
using Microsoft.EntityFrameworkCore;

namespace KB.Web.Features.Response;

/// <summary>
/// Working an incident as a team: who holds which role, the status updates, the start read from the paste, and the
/// follow-ups. Like every incident change, each one is on the timeline and writes its audit entry in the same save.
/// </summary>
public sealed class ResponseService(IDbContextFactory<KbDb> dbFactory, IncidentNotifier notifier, TimeProvider clock)
{
    public const int MaxUpdate = 2000;

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>Gives <paramref name="role"/> to <paramref name="holder"/>: the person acting takes it, or hands it to someone else.</summary>
    public Task<ChangeResult> AssignRoleAsync(int id, string role, string holder, string who, CancellationToken cancellationToken = default) =>
        ChangeAsync(id, AuditActions.IncidentRole, who, incident =>
        {
            if (!ResponseRoles.All.Contains(role))
            {
                return $"\"{role}\" is not an incident role.";
            }
            if (string.IsNullOrWhiteSpace(holder))
            {
                return "Choose who takes the role.";
            }
            holder = holder.Trim();
            var held = incident.Roles.FirstOrDefault(x => x.Role == role);
            if (held?.Holder == holder)
            {
                return null;
            }
            var now = Now;
            if (held is null)
            {
                incident.Roles.Add(new IncidentRole { Role = role, Holder = holder, Since = now });
            }
            else
            {
                held.Holder = holder;
                held.Since = now;
            }
            var title = ResponseRoles.Title(role).ToLowerInvariant();
            var text = holder == who
                ? held is null ? $"{who} took {title}" : $"{who} took {title} from {held.Holder}"
                : $"{who} handed {title} to {holder}";
            incident.Timeline.Add(Entry(now, who, TimelineKinds.Role, text));
            return null;
        }, cancellationToken);

    /// <summary>Leaves <paramref name="role"/> to nobody: its holder steps down, or someone frees it for whoever takes it next.</summary>
    public Task<ChangeResult> ReleaseRoleAsync(int id, string role, string who, CancellationToken cancellationToken = default) =>
        ChangeAsync(id, AuditActions.IncidentRole, who, incident =>
        {
            if (!ResponseRoles.All.Contains(role))
            {
                return $"\"{role}\" is not an incident role.";
            }
            if (incident.Roles.FirstOrDefault(x => x.Role == role) is not { } held)
            {
                return null;
            }
            incident.Roles.Remove(held);
            var title = ResponseRoles.Title(role).ToLowerInvariant();
            var text = held.Holder == who ? $"{who} stepped down as {title}" : $"{who} released {title} from {held.Holder}";
            incident.Timeline.Add(Entry(Now, who, TimelineKinds.Role, text));
            return null;
        }, cancellationToken);

    /// <summary>A status update for the people waiting on the incident: it marks the rhythm's clock.</summary>
    public Task<ChangeResult> PostUpdateAsync(int id, string? text, string who, CancellationToken cancellationToken = default) =>
        ChangeAsync(id, AuditActions.IncidentUpdate, who, incident =>
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                return "Write the update first.";
            }
            if (LengthLimit.Problem(text.Trim(), MaxUpdate, "An update") is { } tooLong)
            {
                return tooLong;
            }
            incident.Timeline.Add(Entry(Now, who, TimelineKinds.Update, text.Trim()));
            return null;
        }, cancellationToken);

    /// <summary>Moves the incident's start to the first failing line of its error log, which the responder accepted.</summary>
    public Task<ChangeResult> StartAtAsync(int id, DateTime startedAt, string who, CancellationToken cancellationToken = default) =>
        ChangeAsync(id, AuditActions.IncidentTimes, who, incident =>
        {
            startedAt = DateTime.SpecifyKind(startedAt, DateTimeKind.Utc);
            if (incident.StartedAt == startedAt)
            {
                return null;
            }
            if (startedAt > (incident.DetectedAt ?? Now))
            {
                return "The first failing line is after the incident was detected; the start stays as it is.";
            }
            incident.Timeline.Add(Entry(Now, who, TimelineKinds.Edit,
                $"Started at {incident.StartedAt:yyyy-MM-dd HH:mm:ss} → {startedAt:yyyy-MM-dd HH:mm:ss} UTC (first failing line of the error log)"));
            incident.StartedAt = startedAt;
            return null;
        }, cancellationToken);

    public Task<ChangeResult> AddFollowUpAsync(int id, FollowUpDraft draft, string who, CancellationToken cancellationToken = default) =>
        ChangeAsync(id, AuditActions.FollowUpAdded, who, incident =>
        {
            if (draft.Problem() is { } problem)
            {
                return problem;
            }
            var followUp = new FollowUp
            {
                Text = draft.Text!.Trim(),
                Owner = string.IsNullOrWhiteSpace(draft.Owner) ? null : draft.Owner.Trim(),
                DueOn = draft.DueOn,
                CreatedAt = Now,
                CreatedBy = who,
            };
            incident.FollowUps.Add(followUp);
            var owner = followUp.Owner is null ? "" : $", owner {followUp.Owner}";
            var due = followUp.DueOn is { } dueOn ? $", due {dueOn:yyyy-MM-dd}" : "";
            incident.Timeline.Add(Entry(Now, who, TimelineKinds.FollowUp, $"Follow-up added: {followUp.Text}{owner}{due}"));
            return null;
        }, cancellationToken);

    public Task<ChangeResult> SetFollowUpDoneAsync(int id, int followUpId, bool done, string who, CancellationToken cancellationToken = default) =>
        ChangeAsync(id, done ? AuditActions.FollowUpDone : AuditActions.FollowUpReopened, who, incident =>
        {
            if (incident.FollowUps.FirstOrDefault(x => x.Id == followUpId) is not { } followUp)
            {
                return "That follow-up is not on this incident.";
            }
            if (followUp.Done == done)
            {
                return null;
            }
            var now = Now;
            followUp.Done = done;
            followUp.DoneBy = done ? who : null;
            followUp.DoneAt = done ? now : null;
            incident.Timeline.Add(Entry(now, who, TimelineKinds.FollowUp, $"Follow-up {(done ? "done" : "reopened")}: {followUp.Text}"));
            return null;
        }, cancellationToken);

    /// <summary>The display names of the people who can take a role: enabled accounts that may work incidents.</summary>
    public async Task<IReadOnlyList<string>> RespondersAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var accounts = await db.Users.AsNoTracking().Where(x => x.DisabledAt == null).Select(x => new { x.DisplayName, x.Role }).ToListAsync(cancellationToken);
        return accounts.Where(x => Roles.Level(x.Role) >= Roles.Level(Roles.Responder) && x.DisplayName.Length > 0)
            .Select(x => x.DisplayName).Distinct().Order(StringComparer.OrdinalIgnoreCase).ToList();
    }

    /// <summary>
    /// Loads the incident with its roles and follow-ups, applies <paramref name="change"/> (a problem or null) and saves
    /// it with its audit entry. These changes only add to the incident, so one that meets someone else's save is applied
    /// again on top of it.
    /// </summary>
    private async Task<ChangeResult> ChangeAsync(int id, string action, string who, Func<Incident, string?> change, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var result = await ChangeOnceAsync(id, action, who, change, cancellationToken);
            if (result.Outcome != ChangeOutcome.Conflict || attempt == MaxAttempts)
            {
                return result;
            }
        }
    }

    private const int MaxAttempts = 20;

    private async Task<ChangeResult> ChangeOnceAsync(int id, string action, string who, Func<Incident, string?> change, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var incident = await db.Incidents.AsTracking().AsSplitQuery()
            .Include(x => x.Roles).Include(x => x.FollowUps)
            .SingleOrDefaultAsync(x => x.Id == id, cancellationToken);
        if (incident is null)
        {
            return ChangeResult.NotFound;
        }
        var before = ResponseSnapshot.Of(incident);
        if (change(incident) is { } problem)
        {
            return ChangeResult.Invalid(problem);
        }
        if (!db.ChangeTracker.HasChanges())
        {
            return ChangeResult.Done;
        }
        incident.Version++;
        var added = IncidentSnapshot.AddedTimeline(incident).Select(entry => entry.Text);
        db.AuditEntries.Add(AuditEntry.Of(Now, who, action, AuditSubjects.Incident, id.ToString(CultureInfo.InvariantCulture),
            $"#{id} {string.Join("; ", added)}", before, ResponseSnapshot.Of(incident)));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return ChangeResult.Conflict;
        }
        notifier.Publish(id);
        return ChangeResult.Done;
    }

    private static TimelineEntry Entry(DateTime at, string who, string kind, string text) =>
        new() { At = at, Who = who, Kind = kind, Text = text };
}

/// <summary>The fields of the response that the audit trail compares before and after a change.</summary>
public sealed record ResponseSnapshot(IReadOnlyDictionary<string, string> Roles, IReadOnlyList<string> FollowUps, DateTime StartedAt, string? Update)
{
    public static ResponseSnapshot Of(Incident incident) => new(
        incident.Roles.OrderBy(x => x.Role).ToDictionary(x => x.Role, x => x.Holder),
        incident.FollowUps.OrderBy(x => x.CreatedAt).Select(x => $"[{(x.Done ? "x" : " ")}] {x.Text}").ToList(),
        incident.StartedAt,
        IncidentSnapshot.AddedTimeline(incident).LastOrDefault(entry => entry.Kind == TimelineKinds.Update)?.Text);
}

/// <summary>A follow-up as the form fills it, checked before it is saved.</summary>
public sealed class FollowUpDraft
{
    public string? Text { get; set; }
    public string? Owner { get; set; }
    public DateOnly? DueOn { get; set; }

    public string? Problem() =>
        string.IsNullOrWhiteSpace(Text) ? "Say what the team will do."
        : LengthLimit.Problem(Text.Trim(), FollowUp.MaxText, "A follow-up")
        ?? LengthLimit.Problem(Owner?.Trim(), FollowUp.MaxOwner, "The owner");
}
