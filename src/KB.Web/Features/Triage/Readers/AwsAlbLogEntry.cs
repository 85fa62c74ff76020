using System.Globalization;
using System.Text.RegularExpressions;

namespace KB.Web.Features.Triage.Readers;

/// <summary>
/// An AWS Application Load Balancer access log entry: elb_status_code, target_status_code and the three processing
/// times, where -1 means the load balancer never got a complete answer from the target.
/// </summary>
public sealed partial class AwsAlbLogEntry : IFindingReader
{
    public IEnumerable<Finding> Read(string line)
    {
        var match = Entry().Match(line);
        if (!match.Success)
        {
            yield break;
        }
        var elbStatus = match.Groups["elb"];
        var targetStatus = match.Groups["target_status"].Value;
        var noTarget = match.Groups["target"].Value == "-";
        var targetTime = double.Parse(match.Groups["target_time"].Value, CultureInfo.InvariantCulture);
        var start = match.Groups["target"].Index;
        var length = elbStatus.Index + elbStatus.Length + 1 + targetStatus.Length - start;

        IEnumerable<(string Cause, double Weight, string Reason)> meanings = (elbStatus.Value, noTarget, targetTime, targetStatus) switch
        {
            ("503", true, _, _) => [("upstream-down", 0.8, "ALB 503 with no target: no healthy target registered"), ("misconfiguration", 0.6, "ALB 503 with no target")],
            ("504", _, -1, "-") => [("upstream-timeout", 1.0, "ALB 504, target_processing_time -1: the target did not answer in time"), ("firewall-blocked", 0.4, "ALB 504 with no target response")],
            ("502", false, -1, "-") => [("connection-reset", 0.9, "ALB 502, target_processing_time -1, no target status: the target closed or refused the connection"), ("upstream-down", 0.6, "ALB 502 with no target response"), ("tls-upstream", 0.3, "ALB 502 with no target response")],
            ("502", false, >= 0, "-") => [("invalid-response", 0.8, "ALB 502 after the target answered: the response could not be read"), ("connection-reset", 0.5, "ALB 502 after the target answered")],
            ("502", true, _, _) => [("upstream-down", 0.6, "ALB 502 with no target"), ("misconfiguration", 0.5, "ALB 502 with no target")],
            _ => [],
        };
        foreach (var (cause, weight, reason) in meanings)
        {
            yield return new Finding(cause, weight, start, length, reason);
        }
    }

    // type time elb client:port target:port request_processing_time target_processing_time response_processing_time elb_status_code target_status_code
    [GeneratedRegex(@"^(?:https?|h2|grpcs|wss?) \S+ \S+ \S+ (?<target>\S+) -?[\d.]+ (?<target_time>-?[\d.]+) -?[\d.]+ (?<elb>\d{3}) (?<target_status>\d{3}|-) ")]
    private static partial Regex Entry();
}
