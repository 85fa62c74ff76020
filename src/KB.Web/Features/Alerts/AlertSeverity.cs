using KB.Web.Features.Incidents;

namespace KB.Web.Features.Alerts;

/// <summary>Reads the severity words monitoring tools use into SEV1 (worst) to SEV4.</summary>
public static class AlertSeverity
{
    /// <summary>What an alert without a severity, or with one no rule knows, is logged as: the web form's default.</summary>
    public const Severity Default = Severity.SEV3;

    private static readonly Dictionary<string, Severity> Words = new(StringComparer.OrdinalIgnoreCase)
    {
        ["critical"] = Severity.SEV1,
        ["crit"] = Severity.SEV1,
        ["page"] = Severity.SEV1,
        ["fatal"] = Severity.SEV1,
        ["emergency"] = Severity.SEV1,
        ["sev1"] = Severity.SEV1,
        ["sev-1"] = Severity.SEV1,
        ["p1"] = Severity.SEV1,
        ["1"] = Severity.SEV1,
        ["high"] = Severity.SEV2,
        ["error"] = Severity.SEV2,
        ["major"] = Severity.SEV2,
        ["sev2"] = Severity.SEV2,
        ["sev-2"] = Severity.SEV2,
        ["p2"] = Severity.SEV2,
        ["2"] = Severity.SEV2,
        ["warning"] = Severity.SEV3,
        ["warn"] = Severity.SEV3,
        ["medium"] = Severity.SEV3,
        ["moderate"] = Severity.SEV3,
        ["sev3"] = Severity.SEV3,
        ["sev-3"] = Severity.SEV3,
        ["p3"] = Severity.SEV3,
        ["3"] = Severity.SEV3,
        ["info"] = Severity.SEV4,
        ["low"] = Severity.SEV4,
        ["minor"] = Severity.SEV4,
        ["none"] = Severity.SEV4,
        ["sev4"] = Severity.SEV4,
        ["sev-4"] = Severity.SEV4,
        ["p4"] = Severity.SEV4,
        ["4"] = Severity.SEV4,
    };

    public static bool TryRead(string? text, out Severity severity) => Words.TryGetValue(text?.Trim() ?? "", out severity);

    public const string Accepted = "SEV1–SEV4, P1–P4, critical or page, high or error, warning, info or low";
}
