using System.Text.Json;
using KB.Web.Data;
using KB.Web.Features.Incidents;
using Microsoft.EntityFrameworkCore;

namespace KB.Web.Features.Alerts;

/// <summary>
/// What an alert does to incidents: a firing alert that matches no open incident opens one (triage suggests its
/// cause, as for the web form); the same alert again, or another of its Alertmanager group, is written on that
/// incident's timeline; a resolved alert is written there too, and never resolves the incident by itself.
/// </summary>
public sealed class AlertIntake(IDbContextFactory<KbDb> dbFactory, IncidentService incidents, AlertServiceLabels serviceLabels, TimeProvider clock, ILogger<AlertIntake> logger)
{
    /// <summary>The service of an alert that carries none of the configured service labels.</summary>
    public const string UnknownService = "unknown";

    private const int MaxLinesPerEntry = 20;

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Applies the payload and returns the incidents it opened or updated.</summary>
    public async Task<IReadOnlyList<int>> ApplyAsync(AlertInboxItem item, CancellationToken cancellationToken)
    {
        var touched = new List<int>();
        var news = new Dictionary<int, List<string>>();
        foreach (var alert in Read(item))
        {
            if (await FindOpenAsync(alert, cancellationToken) is not { } link)
            {
                if (alert.Firing)
                {
                    touched.Add(await OpenAsync(alert, item.ReceivedBy, cancellationToken));
                }
                else
                {
                    logger.LogInformation("A resolved alert ({Key}) matches no open incident; nothing to update", alert.Key);
                }
                continue;
            }
            touched.Add(link.IncidentId);
            var lines = news.TryGetValue(link.IncidentId, out var known) ? known : news[link.IncidentId] = [];
            lines.Add(await TrackAsync(link, alert, cancellationToken));
        }
        foreach (var (id, lines) in news)
        {
            var allResolved = await AllResolvedAsync(id, cancellationToken);
            await incidents.RecordAlertAsync(id, allResolved ? TimelineKinds.AlertsResolved : TimelineKinds.Alert, Describe(lines, allResolved), item.ReceivedBy, cancellationToken);
        }
        return touched;
    }

    private IReadOnlyList<IncomingAlert> Read(AlertInboxItem item) => item.Source switch
    {
        AlertSources.Alertmanager => JsonSerializer.Deserialize<AlertmanagerPayload>(item.Payload, Json)!.Read(serviceLabels.Names),
        AlertSources.Generic => [JsonSerializer.Deserialize<GenericAlert>(item.Payload, Json)!.Read()],
        _ => throw new InvalidOperationException($"Unknown alert source \"{item.Source}\"."),
    };

    /// <summary>The open incident this alert belongs to: by its own key first, then by its Alertmanager group.</summary>
    private async Task<IncidentAlert?> FindOpenAsync(IncomingAlert alert, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var open = db.IncidentAlerts.Where(link => db.Incidents.Any(incident => incident.Id == link.IncidentId && incident.Status != IncidentStatus.Resolved));
        return await open.Where(link => link.Key == alert.Key).OrderByDescending(link => link.Id).FirstOrDefaultAsync(cancellationToken)
            ?? (alert.GroupKey is { } group
                ? await open.Where(link => link.GroupKey == group).OrderByDescending(link => link.Id).FirstOrDefaultAsync(cancellationToken)
                : null);
    }

    private async Task<int> OpenAsync(IncomingAlert alert, string who, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var draft = new IncidentDraft
        {
            Title = Cut(alert.Title, IncidentDraft.MaxTitle),
            Service = Cut(alert.Service, IncidentDraft.MaxService),
            Severity = alert.Severity.ToString(),
            StartedAt = alert.StartsAt is { } starts && starts < now ? starts : now,
            DetectedAt = now,
            ErrorLog = Cut(alert.ErrorLog, IncidentDraft.MaxErrorLog),
        };
        var incident = await incidents.CreateAsync(draft, who, (db, incident) =>
        {
            db.IncidentAlerts.Add(new IncidentAlert { IncidentId = incident.Id, Key = alert.Key, GroupKey = alert.GroupKey, Name = draft.Title, Firing = true, FirstSeenAt = now, LastSeenAt = now });
            db.TimelineEntries.Add(new TimelineEntry { IncidentId = incident.Id, At = now, Who = who, Kind = TimelineKinds.Alert, Text = Opened(alert, incident) });
        }, cancellationToken);
        logger.LogInformation("Alert {Key} opened incident {Id}", alert.Key, incident.Id);
        return incident.Id;
    }

    private static string Opened(IncomingAlert alert, Incident incident)
    {
        var since = alert.StartsAt is { } starts ? $" since {starts:yyyy-MM-dd HH:mm} UTC" : "";
        var severity = alert.SeverityNote is { } note ? $" Logged as {incident.Severity}: {note}." : "";
        var suggestion = IncidentService.SuggestionsOf(incident).FirstOrDefault() is { } top
            ? $" Triage suggests {top.Title} ({Math.Round(top.Confidence * 100)}%): link it under Cause if it fits."
            : alert.ErrorLog.Length > 0 ? " Triage found no cause in the alert's text." : "";
        return $"Opened by {alert.SourceName}: {alert.Title} firing{since} ({alert.Details}).{severity}{suggestion}";
    }

    /// <summary>Records the alert on its link (a new one when it joined through its group) and says what changed.</summary>
    private async Task<string> TrackAsync(IncidentAlert link, IncomingAlert alert, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var joined = link.Key != alert.Key;
        if (joined)
        {
            db.IncidentAlerts.Add(new IncidentAlert
            {
                IncidentId = link.IncidentId,
                Key = alert.Key,
                GroupKey = alert.GroupKey,
                Name = Cut(alert.Title, IncidentDraft.MaxTitle),
                Firing = alert.Firing,
                FirstSeenAt = now,
                LastSeenAt = now,
            });
            await db.SaveChangesAsync(cancellationToken);
        }
        else
        {
            await db.IncidentAlerts.Where(x => x.Id == link.Id)
                .ExecuteUpdateAsync(x => x.SetProperty(row => row.Firing, alert.Firing).SetProperty(row => row.LastSeenAt, now), cancellationToken);
        }
        return (alert.Firing, joined) switch
        {
            (true, true) => $"{alert.Title} firing too ({alert.Details})",
            (true, false) => $"{alert.Title} still firing",
            (false, _) => alert.EndsAt is { } ends ? $"{alert.Title} resolved at {ends:yyyy-MM-dd HH:mm} UTC" : $"{alert.Title} resolved",
        };
    }

    private async Task<bool> AllResolvedAsync(int incidentId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return !await db.IncidentAlerts.AnyAsync(link => link.IncidentId == incidentId && link.Firing, cancellationToken);
    }

    private static string Describe(List<string> lines, bool allResolved)
    {
        var shown = string.Join("; ", lines.Take(MaxLinesPerEntry)) + (lines.Count > MaxLinesPerEntry ? $"; and {lines.Count - MaxLinesPerEntry} more" : "");
        return allResolved
            ? $"Alert: {shown}. Every alert of this incident has resolved; it stays open until a responder marks it mitigated or resolves it."
            : $"Alert: {shown}.";
    }

    private static string Cut(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
