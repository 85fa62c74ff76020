using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using KB.Web.Features.Incidents;

namespace KB.Web.Features.Alerts;

/// <summary>Prometheus Alertmanager's webhook payload, version 4.</summary>
public sealed record AlertmanagerPayload(
    string? Version,
    string? GroupKey,
    string? Status,
    string? Receiver,
    Dictionary<string, string>? GroupLabels,
    Dictionary<string, string>? CommonLabels,
    Dictionary<string, string>? CommonAnnotations,
    string? ExternalUrl,
    List<AlertmanagerAlert>? Alerts)
{
    public const int MaxAlerts = 1000;
    public const int MaxGroupKey = 2000;

    /// <summary>Problems by field path ("alerts[0].status"), each with a message a person understands.</summary>
    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        if (Version is not null && Version != "4")
        {
            errors["version"] = [$"Only version 4 of the webhook payload is read; this one is version \"{Version}\"."];
        }
        if (!AlertStatus.IsKnown(Status))
        {
            errors["status"] = ["Use \"firing\" or \"resolved\"."];
        }
        if (LengthLimit.Problem(GroupKey, MaxGroupKey, "The groupKey") is { } groupKeyTooLong)
        {
            errors["groupKey"] = [groupKeyTooLong];
        }
        if (Alerts is null)
        {
            errors["alerts"] = ["Send the alerts as an array (it may be empty)."];
            return errors;
        }
        if (Alerts.Count > MaxAlerts)
        {
            errors["alerts"] = [$"A payload can carry at most {MaxAlerts:N0} alerts; this one has {Alerts.Count:N0}. Lower max_alerts in the receiver."];
        }
        foreach (var (alert, index) in Alerts.Select((alert, index) => (alert, index)))
        {
            alert.Validate($"alerts[{index}]", errors);
        }
        return errors;
    }

    public IReadOnlyList<IncomingAlert> Read(IReadOnlyList<string> serviceLabels) =>
        Alerts!.Select(alert => alert.Read(this, serviceLabels)).ToList();
}

public sealed partial record AlertmanagerAlert(
    string? Status,
    Dictionary<string, string>? Labels,
    Dictionary<string, string>? Annotations,
    string? StartsAt,
    string? EndsAt,
    string? GeneratorUrl,
    string? Fingerprint)
{
    public const int MaxFingerprint = 200;

    /// <summary>Labels or annotations that carry the log lines around the failure.</summary>
    private static readonly string[] LogKeys = ["log", "logs", "log_excerpt", "logExcerpt", "error_log", "errorLog", "excerpt"];

    /// <summary>The annotations that describe the failure in words triage can read.</summary>
    private static readonly string[] TextKeys = ["description", "message", "summary"];

    internal void Validate(string path, Dictionary<string, string[]> errors)
    {
        if (!AlertStatus.IsKnown(Status))
        {
            errors[$"{path}.status"] = ["Use \"firing\" or \"resolved\"."];
        }
        if (Labels is null || Labels.Count == 0)
        {
            errors[$"{path}.labels"] = ["An alert needs its labels (at least alertname)."];
        }
        else if (Name is null)
        {
            errors[$"{path}.labels.alertname"] = ["Name the alert with an alertname label or a summary annotation."];
        }
        if (StartsAt is not null && ParseTime(StartsAt) is null)
        {
            errors[$"{path}.startsAt"] = ["Send the start as an RFC 3339 time, e.g. 2026-12-02T05:00:00Z."];
        }
        if (EndsAt is not null && ParseTime(EndsAt) is null)
        {
            errors[$"{path}.endsAt"] = ["Send the end as an RFC 3339 time, e.g. 2026-12-02T05:00:00Z."];
        }
        if (LengthLimit.Problem(Fingerprint, MaxFingerprint, "The fingerprint") is { } tooLong)
        {
            errors[$"{path}.fingerprint"] = [tooLong];
        }
    }

    private string? Name => Blank(Annotations?.GetValueOrDefault("summary")) ?? Blank(Labels?.GetValueOrDefault("alertname"));

    internal IncomingAlert Read(AlertmanagerPayload payload, IReadOnlyList<string> serviceLabels)
    {
        var labels = Labels!;
        var annotations = Annotations ?? [];
        var severityLabel = Blank(labels.GetValueOrDefault("severity"));
        var known = AlertSeverity.TryRead(severityLabel, out var severity);
        var service = serviceLabels.Select(label => Blank(labels.GetValueOrDefault(label))).FirstOrDefault(value => value is not null);
        var log = LogKeys.Select(key => Blank(annotations.GetValueOrDefault(key)) ?? Blank(labels.GetValueOrDefault(key))).FirstOrDefault(value => value is not null);
        var text = TextKeys.Select(key => Blank(annotations.GetValueOrDefault(key))).OfType<string>();
        var endsAt = ParseTime(EndsAt);
        return new IncomingAlert(
            AlertSources.Alertmanager,
            "alertmanager:" + (Blank(Fingerprint) ?? LabelsFingerprint(labels)),
            Blank(payload.GroupKey),
            Status == AlertStatus.Firing,
            Name!,
            service ?? AlertIntake.UnknownService,
            known ? severity : AlertSeverity.Default,
            known ? null : severityLabel is null ? "no severity label" : $"severity \"{severityLabel}\" is not one it knows",
            string.Join('\n', new[] { log }.Concat(text).OfType<string>().Distinct()),
            ParseTime(StartsAt),
            endsAt > DateTime.UnixEpoch ? endsAt : null,
            Describe(payload, labels));
    }

    private string Describe(AlertmanagerPayload payload, Dictionary<string, string> labels)
    {
        var parts = new List<string> { "labels " + string.Join(", ", labels.OrderBy(label => label.Key, StringComparer.Ordinal).Select(label => $"{label.Key}={label.Value}")) };
        if (Blank(payload.Receiver) is { } receiver)
        {
            parts.Add($"receiver {receiver}");
        }
        if (Blank(GeneratorUrl) is { } source)
        {
            parts.Add($"source {source}");
        }
        return string.Join("; ", parts);
    }

    /// <summary>Alertmanager sends its own fingerprint; one that is missing is made the same way, from the label set.</summary>
    private static string LabelsFingerprint(Dictionary<string, string> labels)
    {
        var text = string.Join('\n', labels.OrderBy(label => label.Key, StringComparer.Ordinal).Select(label => $"{label.Key}={label.Value}"));
        return "labels-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
    }

    /// <summary>Go writes times with up to nine fractional digits; .NET reads seven.</summary>
    internal static DateTime? ParseTime(string? text) =>
        DateTimeOffset.TryParse(ExtraDigits().Replace(text ?? "", "$1"), CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)
            ? time.UtcDateTime
            : null;

    [GeneratedRegex(@"(\.\d{7})\d+")]
    private static partial Regex ExtraDigits();

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

public static class AlertStatus
{
    public const string Firing = "firing";
    public const string Resolved = "resolved";

    public static bool IsKnown(string? status) => status is Firing or Resolved;
}
