using KB.Web.Features.Incidents;

namespace KB.Web.Features.Alerts;

/// <summary>The generic webhook's body, for senders without a format of their own (Grafana, Uptime Kuma, a cron check).</summary>
public sealed record GenericAlert(string? Title, string? Service, string? Severity, string? ErrorLog, string? DedupKey, string? Status)
{
    public const int MaxDedupKey = 200;

    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(Title))
        {
            errors["title"] = ["Give the alert a title, e.g. \"502s on checkout\"."];
        }
        else if (LengthLimit.Problem(Title.Trim(), IncidentDraft.MaxTitle, "The title") is { } titleTooLong)
        {
            errors["title"] = [titleTooLong];
        }
        if (string.IsNullOrWhiteSpace(Service))
        {
            errors["service"] = ["Name the service the alert is about."];
        }
        else if (LengthLimit.Problem(Service.Trim(), IncidentDraft.MaxService, "The service name") is { } serviceTooLong)
        {
            errors["service"] = [serviceTooLong];
        }
        if (!string.IsNullOrWhiteSpace(Severity) && !AlertSeverity.TryRead(Severity, out _))
        {
            errors["severity"] = [$"Use {AlertSeverity.Accepted}, or leave it out for {AlertSeverity.Default}."];
        }
        if (LengthLimit.Problem(ErrorLog, IncidentDraft.MaxErrorLog, "The error log excerpt") is { } errorLogTooLong)
        {
            errors["errorLog"] = [errorLogTooLong];
        }
        if (LengthLimit.Problem(DedupKey?.Trim(), MaxDedupKey, "The dedupKey") is { } dedupKeyTooLong)
        {
            errors["dedupKey"] = [dedupKeyTooLong];
        }
        if (Status is not null && !AlertStatus.IsKnown(Status))
        {
            errors["status"] = ["Use \"firing\" (the default) or \"resolved\"."];
        }
        return errors;
    }

    /// <summary>Without a dedupKey, the same title on the same service is the same alert.</summary>
    public IncomingAlert Read() => new(
        AlertSources.Generic,
        "generic:" + (string.IsNullOrWhiteSpace(DedupKey) ? $"{Service!.Trim()}/{Title!.Trim()}".ToLowerInvariant() : DedupKey.Trim()),
        null,
        Status != AlertStatus.Resolved,
        Title!.Trim(),
        Service!.Trim(),
        AlertSeverity.TryRead(Severity, out var severity) ? severity : AlertSeverity.Default,
        null,
        ErrorLog?.Trim() ?? "",
        null,
        null,
        string.IsNullOrWhiteSpace(DedupKey) ? "no dedupKey: the same title on the same service updates this incident" : $"dedupKey {DedupKey.Trim()}");
}
