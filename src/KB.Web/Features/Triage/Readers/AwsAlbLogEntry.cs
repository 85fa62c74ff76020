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
        var requestTime = double.Parse(match.Groups["request_time"].Value, CultureInfo.InvariantCulture);
        var targetTime = double.Parse(match.Groups["target_time"].Value, CultureInfo.InvariantCulture);
        var start = match.Groups["target"].Index;
        var length = elbStatus.Index + elbStatus.Length + 1 + targetStatus.Length - start;

        // A request_processing_time of -1 means the request was never sent: the connection to the target failed.
        // A target_processing_time of -1 with a request sent means the target closed the connection before answering.
        IEnumerable<(string Cause, double Weight, string Reason)> meanings = (elbStatus.Value, noTarget, requestTime, targetTime, targetStatus) switch
        {
            ("503", true, _, _, _) => [("upstream-down", 0.8, "ALB 503 with no target: no healthy target registered"), ("misconfiguration", 0.6, "ALB 503 with no target")],
            ("504", false, -1, _, "-") => [("upstream-timeout", 1.0, "ALB 504, no request sent: the connection to the target timed out"), ("firewall-blocked", 0.8, "ALB 504 while connecting to the target")],
            ("504", false, _, _, "-") => [("upstream-timeout", 1.0, "ALB 504 without a target response: the target did not answer within the idle timeout")],
            ("502", false, -1, _, "-") => [("upstream-down", 1.0, "ALB 502, no request sent: the target refused or reset the connection"), ("connection-reset", 0.5, "ALB 502 before the request was sent"), ("tls-upstream", 0.4, "ALB 502 before the request was sent")],
            ("502", false, _, -1, "-") => [("connection-reset", 1.0, "ALB 502, target_processing_time -1: the target closed the connection before answering"), ("application-crash", 0.4, "ALB 502 with no target response")],
            ("502", false, _, _, "-") => [("connection-reset", 0.9, "ALB 502 without a target status: the target closed the connection"), ("invalid-response", 0.6, "ALB 502: the target's response could not be read")],
            ("502", true, _, _, _) => [("upstream-down", 0.6, "ALB 502 with no target"), ("misconfiguration", 0.5, "ALB 502 with no target")],
            _ => [],
        };
        foreach (var (cause, weight, reason) in meanings)
        {
            yield return new Finding(cause, weight, start, length, reason);
        }
    }

    // type time elb client:port target:port request_processing_time target_processing_time response_processing_time elb_status_code target_status_code
    [GeneratedRegex(@"^(?:https?|h2|grpcs|wss?) \S+ \S+ \S+ (?<target>\S+) (?<request_time>-?[\d.]+) (?<target_time>-?[\d.]+) -?[\d.]+ (?<elb>\d{3}) (?<target_status>\d{3}|-) ")]
    private static partial Regex Entry();
}
