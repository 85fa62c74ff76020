using System.Text.RegularExpressions;

namespace KB.Web.Features.Response;

/// <summary>
/// What the timestamps of a pasted log tell about the outage: when the first failing line was written, and how many
/// failing lines (each one a 502 or the error behind one) fell in each minute. Lines without a time are left out.
/// </summary>
public sealed partial record ImpactWindow(DateTime FirstFailure, DateTime LastFailure, IReadOnlyList<FailuresInMinute> PerMinute)
{
    /// <summary>The longest run of minutes shown one bar each; a longer paste shows only the minutes that failed.</summary>
    public const int MaxContinuousMinutes = 120;

    /// <summary>The window of <paramref name="errorLog"/>, or null when no failing line carries a time.</summary>
    public static ImpactWindow? Read(string errorLog, int year)
    {
        var failures = errorLog.Split('\n')
            .Where(IsFailing)
            .Select(line => LogTimes.Read(line, year))
            .OfType<DateTime>()
            .ToList();
        if (failures.Count == 0)
        {
            return null;
        }
        var counts = failures.GroupBy(MinuteOf).ToDictionary(group => group.Key, group => group.Count());
        var (first, last) = (failures.Min(), failures.Max());
        var span = (int)(MinuteOf(last) - MinuteOf(first)).TotalMinutes + 1;
        var minutes = span <= MaxContinuousMinutes
            ? Enumerable.Range(0, span).Select(offset => MinuteOf(first).AddMinutes(offset))
            : counts.Keys.Order();
        return new ImpactWindow(first, last, minutes.Select(minute => new FailuresInMinute(minute, counts.GetValueOrDefault(minute))).ToList());
    }

    /// <summary>
    /// A line with an HTTP status (an access log, HAProxy) fails when that status is a 5xx; any other line fails
    /// when it says error, as nginx's and the app servers' error logs do.
    /// </summary>
    public static bool IsFailing(string line)
    {
        if (AccessStatus().Match(line) is { Success: true } access)
        {
            return access.Groups["status"].Value[0] == '5';
        }
        if (HaproxyStatus().Match(line) is { Success: true } haproxy)
        {
            return haproxy.Groups["status"].Value[0] == '5';
        }
        return ErrorWords().IsMatch(line);
    }

    private static DateTime MinuteOf(DateTime time) => new(time.Year, time.Month, time.Day, time.Hour, time.Minute, 0, DateTimeKind.Utc);

    [GeneratedRegex("\"[A-Z]+ [^\"]* HTTP/[0-9.]+\" (?<status>[1-5]\\d{2}) ")]
    private static partial Regex AccessStatus();

    // HAProxy's HTTP log: "... frontend backend/server Tq/Tw/Tc/Tr/Ta 503 ..."
    [GeneratedRegex(@" -?\d+/-?\d+/-?\d+/-?\d+/\+?-?\d+ (?<status>[1-5]\d{2}) ")]
    private static partial Regex HaproxyStatus();

    [GeneratedRegex(@"\[(error|crit|alert|emerg)\]|\b(error|failed|refused|timed out|timeout|reset by peer|unreachable|no live upstreams|502|503|504)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ErrorWords();
}

public sealed record FailuresInMinute(DateTime Minute, int Count);
