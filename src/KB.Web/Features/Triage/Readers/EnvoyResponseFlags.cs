using System.Text.RegularExpressions;

namespace KB.Web.Features.Triage.Readers;

/// <summary>Envoy's %RESPONSE_FLAGS%: UF connect failure, UH no healthy host, UC upstream closed, UT timeout, and the rest.</summary>
public sealed partial class EnvoyResponseFlags : IFindingReader
{
    private static readonly Dictionary<string, (string Cause, double Weight)[]> Meanings = new(StringComparer.Ordinal)
    {
        ["UF"] = [("upstream-down", 1.0), ("firewall-blocked", 0.4), ("network-unreachable", 0.3)],
        ["UH"] = [("upstream-down", 0.9), ("misconfiguration", 0.8)],
        ["LH"] = [("upstream-down", 0.8)],
        ["URX"] = [("upstream-down", 0.6), ("connection-reset", 0.5)],
        ["UC"] = [("connection-reset", 1.0), ("application-crash", 0.3)],
        ["UT"] = [("upstream-timeout", 1.0)],
        ["UMSDR"] = [("upstream-timeout", 0.9)],
        ["UO"] = [("resource-exhaustion", 1.0)],
        ["NR"] = [("misconfiguration", 1.0)],
        ["NC"] = [("misconfiguration", 0.9)],
        ["UPE"] = [("invalid-response", 1.0), ("header-too-large", 0.5)],
        ["UR"] = [("connection-reset", 0.8)],
    };

    // %RESPONSE_CODE_DETAILS%, and the reason Envoy gives for an upstream reset, in its access and debug logs.
    private static readonly (Regex Detail, string Cause, double Weight)[] Details =
    [
        (new(@"protocol[ _]error", RegexOptions.IgnoreCase), "invalid-response", 0.9),
        (new(@"connection[ _]termination|remote[ _]reset|local[ _]reset", RegexOptions.IgnoreCase), "connection-reset", 0.9),
        (new(@"connection[ _]failure", RegexOptions.IgnoreCase), "upstream-down", 0.8),
        (new(@"connection[ _]timeout", RegexOptions.IgnoreCase), "firewall-blocked", 0.8),
        (new(@"overflow", RegexOptions.IgnoreCase), "resource-exhaustion", 0.9),
        (new(@"tls[ _]error|CERTIFICATE_VERIFY_FAILED", RegexOptions.IgnoreCase), "tls-upstream", 0.9),
        (new(@"no[ _]healthy[ _]upstream", RegexOptions.IgnoreCase), "misconfiguration", 0.8),
        (new(@"no[ _]healthy[ _]upstream", RegexOptions.IgnoreCase), "upstream-down", 0.75),
        (new(@"route[ _]not[ _]found|cluster[ _]not[ _]found", RegexOptions.IgnoreCase), "misconfiguration", 0.9),
        (new(@"(upstream[ _])?response[ _]timeout|upstream[ _]per[ _]try[ _]timeout", RegexOptions.IgnoreCase), "upstream-timeout", 0.9),
    ];

    public IEnumerable<Finding> Read(string line) => FromFlags(line).Concat(FromDetails(line));

    private static IEnumerable<Finding> FromDetails(string line)
    {
        var details = DetailsField().Match(line);
        if (!details.Success)
        {
            yield break;
        }
        foreach (var (detail, cause, weight) in Details)
        {
            var match = detail.Match(details.Value);
            if (match.Success)
            {
                yield return new Finding(cause, weight, details.Index + match.Index, match.Length, $"Envoy response details {match.Value}");
            }
        }
    }

    private static IEnumerable<Finding> FromFlags(string line)
    {
        var match = FlagsAfterStatus().Match(line);
        if (!match.Success)
        {
            match = JsonFlags().Match(line);
        }
        if (!match.Success)
        {
            yield break;
        }
        var flags = match.Groups["flags"];
        var offset = flags.Index;
        foreach (var flag in flags.Value.Split(','))
        {
            if (Meanings.TryGetValue(flag, out var meanings))
            {
                foreach (var (cause, weight) in meanings)
                {
                    yield return new Finding(cause, weight, offset, flag.Length, $"Envoy response flag {flag}");
                }
            }
            offset += flag.Length + 1;
        }
    }

    // Default access log: [time] "GET /path HTTP/1.1" 503 UF,URX upstream_reset_...  (flags follow the response code).
    [GeneratedRegex(@"""\s(?:\d{3}|0)\s(?<flags>[A-Z]{2,5}(?:,[A-Z]{2,5})*)\s")]
    private static partial Regex FlagsAfterStatus();

    // JSON access logs name the field as the operator chose: "response_flags", "respflags", "flags"...
    [GeneratedRegex(@"""[\w-]*flags""\s*:\s*""(?<flags>[A-Z]{2,5}(?:,[A-Z]{2,5})*)""", RegexOptions.IgnoreCase)]
    private static partial Regex JsonFlags();

    [GeneratedRegex(@"upstream_reset_before_response_started\{[^}]*\}|(response_code_details|local reply with details)\W+[\w{} ,:.-]+", RegexOptions.IgnoreCase)]
    private static partial Regex DetailsField();
}
