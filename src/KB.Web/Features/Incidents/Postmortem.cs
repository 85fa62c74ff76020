using System.Text;
using KB.Web.Features.Knowledge;
using KB.Web.Features.Response;

namespace KB.Web.Features.Incidents;

/// <summary>An incident written up as a Markdown postmortem: summary, impact window, cause, steps, timeline, fix.</summary>
public static class Postmortem
{
    public static string Write(Incident incident, ArticleCatalog catalog)
    {
        var cause = incident.Cause is null ? null : catalog.Find(incident.Cause);
        var fixedBy = incident.Checklist.FirstOrDefault(item => item.Id == incident.FixedByStep);
        var text = new StringBuilder()
            .AppendLine($"# Postmortem: {OneLine(incident.Title)}")
            .AppendLine()
            .AppendLine("## Summary")
            .AppendLine()
            .AppendLine($"- Service: {OneLine(incident.Service)}{(incident.Environment is null ? "" : $" ({OneLine(incident.Environment)})")}")
            .AppendLine($"- Severity: {incident.Severity}")
            .AppendLine($"- Status: {incident.Status.Key()}")
            .AppendLine($"- Proxy: {incident.Proxy ?? "not recorded"}")
            .AppendLine($"- Logged by: {OneLine(incident.CreatedBy)}")
            .AppendLine()
            .AppendLine("## Impact window")
            .AppendLine()
            .AppendLine($"- Started: {Time(incident.StartedAt)}")
            .AppendLine($"- Detected: {Time(incident.DetectedAt)}")
            .AppendLine($"- Identified: {Time(incident.IdentifiedAt)}")
            .AppendLine($"- Mitigated: {Time(incident.MitigatedAt)}")
            .AppendLine($"- Resolved: {Time(incident.ResolvedAt)}")
            .AppendLine($"- Time to resolve: {(incident.ResolvedAt is { } resolved ? Durations.Describe(resolved - incident.StartedAt) : "still open")}")
            .AppendLine(ImpactFromLog(incident))
            .AppendLine("## Roles")
            .AppendLine()
            .AppendLine(Roles(incident))
            .AppendLine()
            .AppendLine("## Cause")
            .AppendLine()
            .AppendLine(cause is null
                ? incident.Cause is null ? "No cause was linked." : $"`{incident.Cause}`"
                : $"{cause.Title} (`{cause.Slug}`, article revision {incident.CauseRevision}). {cause.Summary}")
            .AppendLine()
            .AppendLine("## What fixed it")
            .AppendLine()
            .AppendLine(incident.ResolutionNote is null ? "Not resolved yet." : OneLine(incident.ResolutionNote))
            .AppendLine(fixedBy is null ? "" : $"\nThe step that fixed it: {fixedBy.Text}")
            .AppendLine()
            .AppendLine("## Checklist")
            .AppendLine();
        foreach (var item in incident.Checklist.OrderBy(item => item.Position))
        {
            text.AppendLine($"- [{(item.Done ? "x" : " ")}] {item.Text}{(item.Done ? $" (done by {OneLine(item.DoneBy ?? "?")} at {Time(item.DoneAt)})" : "")}{(item.Note is null ? "" : $" Note: {OneLine(item.Note)}")}");
        }
        if (incident.Checklist.Count == 0)
        {
            text.AppendLine("No checklist (no cause was linked).");
        }
        text.AppendLine().AppendLine("## Follow-ups").AppendLine();
        foreach (var followUp in incident.FollowUps.OrderBy(x => x.CreatedAt).ThenBy(x => x.Id))
        {
            text.AppendLine($"- [{(followUp.Done ? "x" : " ")}] {OneLine(followUp.Text)} (owner: {OneLine(followUp.Owner ?? "none")}, due: {followUp.DueOn?.ToString("yyyy-MM-dd") ?? "no date"}{(followUp.Done ? $", done by {OneLine(followUp.DoneBy ?? "?")} at {Time(followUp.DoneAt)}" : "")})");
        }
        if (incident.FollowUps.Count == 0)
        {
            text.AppendLine("No follow-ups recorded.");
        }
        text.AppendLine().AppendLine("## Timeline").AppendLine().AppendLine("| time (UTC) | who | what |").AppendLine("| --- | --- | --- |");
        foreach (var entry in incident.Timeline.OrderBy(entry => entry.At).ThenBy(entry => entry.Id))
        {
            text.AppendLine($"| {Time(entry.At)} | {Cell(entry.Who)} | {Cell($"{entry.Kind}: {entry.Text}")} |");
        }
        if (incident.ErrorLog.Length > 0)
        {
            var fence = incident.ErrorLog.Contains("```") ? "~~~~" : "```";
            text.AppendLine().AppendLine("## Error log excerpt").AppendLine().AppendLine(fence + "text").AppendLine(incident.ErrorLog).AppendLine(fence);
        }
        return text.ToString();
    }

    /// <summary>What the error log's timestamps say (first and last failing line), when they say anything.</summary>
    private static string ImpactFromLog(Incident incident) =>
        ImpactWindow.Read(incident.ErrorLog, incident.CreatedAt.Year) is { } window
            ? $"- From the error log: first failing line {Time(window.FirstFailure)}, last {Time(window.LastFailure)}, {window.PerMinute.Sum(minute => minute.Count)} failing lines, at most {window.PerMinute.Max(minute => minute.Count)} in a minute\n"
            : "";

    private static string Roles(Incident incident) =>
        string.Join("\n", ResponseRoles.All.Select(role => $"- {ResponseRoles.Title(role)}: {OneLine(incident.Roles.FirstOrDefault(x => x.Role == role)?.Holder ?? "not taken")}"));

    private static string Time(DateTime? time) => time?.ToString("yyyy-MM-dd HH:mm 'UTC'") ?? "not recorded";

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");

    private static string Cell(string text) => OneLine(text).Replace("|", "\\|");
}
