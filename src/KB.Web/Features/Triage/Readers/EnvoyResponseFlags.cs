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

    public IEnumerable<Finding> Read(string line)
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

    [GeneratedRegex(@"""response_flags""\s*:\s*""(?<flags>[A-Z]{2,5}(?:,[A-Z]{2,5})*)""")]
    private static partial Regex JsonFlags();
}
