using System.Text.RegularExpressions;

namespace KB.Web.Features.Triage.Readers;

/// <summary>
/// HAProxy's session state at disconnection: the first character says who ended the session (S server, s server
/// timeout, P proxy, R resources...), the second in which phase (C connect, H headers, D data, Q queue).
/// </summary>
public sealed partial class HaproxyTerminationState : IFindingReader
{
    private static readonly Dictionary<string, (string Cause, double Weight)[]> Meanings = new(StringComparer.Ordinal)
    {
        ["SC"] = [("upstream-down", 1.0), ("firewall-blocked", 0.3), ("network-unreachable", 0.3)],
        ["sC"] = [("firewall-blocked", 1.0), ("upstream-timeout", 0.6), ("network-unreachable", 0.4)],
        ["sH"] = [("upstream-timeout", 1.0), ("resource-exhaustion", 0.3)],
        ["sD"] = [("upstream-timeout", 0.9)],
        ["SH"] = [("connection-reset", 1.0), ("application-crash", 0.5), ("invalid-response", 0.4)],
        ["SD"] = [("connection-reset", 1.0), ("application-crash", 0.4)],
        ["PH"] = [("invalid-response", 1.0), ("header-too-large", 0.6)],
        ["PD"] = [("invalid-response", 0.8)],
        ["sQ"] = [("resource-exhaustion", 1.0), ("upstream-timeout", 0.4)],
        ["SQ"] = [("resource-exhaustion", 0.9)],
        ["RC"] = [("resource-exhaustion", 0.9)],
        ["IH"] = [("misconfiguration", 0.4)],
    };

    public IEnumerable<Finding> Read(string line)
    {
        // <NOSRV>: no server could be picked at all, whatever the state says: an empty or fully down backend.
        var noServer = line.IndexOf("<NOSRV>", StringComparison.Ordinal);
        if (noServer >= 0)
        {
            yield return new Finding("misconfiguration", 1.0, noServer, "<NOSRV>".Length, "HAProxy found no server (<NOSRV>)");
            yield return new Finding("upstream-down", 0.9, noServer, "<NOSRV>".Length, "HAProxy found no server (<NOSRV>)");
            yield break;
        }
        var match = StatePattern().Match(line);
        if (!match.Success)
        {
            match = JsonState().Match(line);
        }
        if (!match.Success)
        {
            yield break;
        }
        var state = match.Groups["state"];
        if (!Meanings.TryGetValue(state.Value[..2], out var meanings))
        {
            yield break;
        }
        foreach (var (cause, weight) in meanings)
        {
            yield return new Finding(cause, weight, state.Index, state.Length, $"HAProxy termination state {state.Value[..2]}");
        }
    }

    // "... 503 212 - - SC-- 1/1/0/0/0 0/0 ..." (HTTP) or "... 0 SC 1/1/0/0/3 0/0" (TCP): the state precedes the connection counters.
    [GeneratedRegex(@"\s(?<state>[A-Za-z-]{2}(?:[A-Za-z-]{2})?)\s+\d+/\d+/\d+/\d+/\+?\d+\s+\d+/\d+\b")]
    private static partial Regex StatePattern();

    [GeneratedRegex(@"""termination_state""\s*:\s*""(?<state>[A-Za-z-]{2,4})""")]
    private static partial Regex JsonState();
}
