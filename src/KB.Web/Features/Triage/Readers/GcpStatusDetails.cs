using System.Text.RegularExpressions;

namespace KB.Web.Features.Triage.Readers;

/// <summary>Google Cloud load balancer logs: jsonPayload.statusDetails names why the proxy answered as it did.</summary>
public sealed partial class GcpStatusDetails : IFindingReader
{
    private static readonly Dictionary<string, (string Cause, double Weight)[]> Meanings = new(StringComparer.Ordinal)
    {
        ["failed_to_connect_to_backend"] = [("upstream-down", 1.0), ("firewall-blocked", 0.5)],
        ["failed_to_pick_backend"] = [("upstream-down", 0.9), ("misconfiguration", 0.5)],
        ["backend_timeout"] = [("upstream-timeout", 1.0)],
        ["backend_connection_closed_before_data_sent_to_client"] = [("connection-reset", 1.0), ("application-crash", 0.3)],
        ["backend_connection_closed_after_partial_response_sent"] = [("connection-reset", 0.9), ("application-crash", 0.4)],
        ["backend_early_response_with_non_error_status"] = [("invalid-response", 0.7)],
        ["backend_interim_response_not_supported"] = [("invalid-response", 0.8)],
        ["backend_response_corrupted"] = [("invalid-response", 1.0)],
        ["invalid_http_response"] = [("invalid-response", 1.0)],
        ["response_header_too_large"] = [("header-too-large", 1.0)],
        ["failed_to_negotiate_alpn"] = [("tls-upstream", 0.8), ("misconfiguration", 0.4)],
        ["websocket_handshake_failed"] = [("invalid-response", 0.6)],
    };

    public IEnumerable<Finding> Read(string line)
    {
        foreach (Match match in Detail().Matches(line))
        {
            if (Meanings.TryGetValue(match.Value, out var meanings))
            {
                foreach (var (cause, weight) in meanings)
                {
                    yield return new Finding(cause, weight, match.Index, match.Length, $"GCP load balancer statusDetails {match.Value}");
                }
            }
        }
    }

    [GeneratedRegex(@"\b[a-z]+(?:_[a-z]+){1,8}\b")]
    private static partial Regex Detail();
}
