using System.Globalization;
using System.Text.RegularExpressions;

namespace KB.Web.Features.Response;

/// <summary>
/// Reads the time a log line was written, in the shapes proxies and their hosts write it: nginx's error log
/// (<c>2026/11/30 03:12:09</c>), the common and combined access logs (<c>[30/Nov/2026:03:12:09 +0000]</c>), HAProxy's
/// accept date (<c>[30/Nov/2026:03:12:09.123]</c>), ISO 8601 (Envoy, Caddy, Traefik, ALB, JSON logs), Apache's error
/// log (<c>[Mon Nov 30 03:12:09.123456 2026]</c>) and syslog (<c>Nov 30 03:12:09</c>, which has no year). Times without
/// an offset are taken as UTC; the earliest time in the line wins, as that is where the line starts.
/// </summary>
public static partial class LogTimes
{
    private static readonly string[] Months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

    /// <summary>The line's time in UTC, or null when it carries none. <paramref name="year"/> completes a syslog time.</summary>
    public static DateTime? Read(string line, int year)
    {
        var found = new[]
        {
            Try(NginxError().Match(line), match => At(Int(match, "y"), Int(match, "mo"), Int(match, "d"), match, null)),
            Try(Bracketed().Match(line), match => At(Int(match, "y"), Month(match), Int(match, "d"), match, match.Groups["z"].Value)),
            Try(Iso().Match(line), match => At(Int(match, "y"), Int(match, "mo"), Int(match, "d"), match, match.Groups["z"].Value)),
            Try(ApacheError().Match(line), match => At(Int(match, "y"), Month(match), Int(match, "d"), match, null)),
            Try(Syslog().Match(line), match => At(year, Month(match), Int(match, "d"), match, null)),
        };
        return found.Where(x => x is not null).OrderBy(x => x!.Value.Index).Select(x => (DateTime?)x!.Value.Time).FirstOrDefault();
    }

    private static (int Index, DateTime Time)? Try(Match match, Func<Match, DateTime?> read) =>
        match.Success && read(match) is { } time ? (match.Index, time) : null;

    private static DateTime? At(int year, int month, int day, Match match, string? zone)
    {
        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(Math.Clamp(year, 1, 9999), month) || year is < 1970 or > 9999)
        {
            return null;
        }
        var (hour, minute, second) = (Int(match, "h"), Int(match, "mi"), Int(match, "s"));
        if (hour > 23 || minute > 59 || second > 59)
        {
            return null;
        }
        var fraction = match.Groups["f"].Success ? double.Parse("0." + match.Groups["f"].Value, CultureInfo.InvariantCulture) : 0;
        var time = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Utc).AddTicks((long)(fraction * TimeSpan.TicksPerSecond));
        return time - Offset(zone);
    }

    private static TimeSpan Offset(string? zone)
    {
        if (string.IsNullOrEmpty(zone) || zone is "Z" or "z")
        {
            return TimeSpan.Zero;
        }
        var digits = zone.Replace(":", "", StringComparison.Ordinal);
        var offset = new TimeSpan(int.Parse(digits[1..3], CultureInfo.InvariantCulture), int.Parse(digits[3..5], CultureInfo.InvariantCulture), 0);
        return digits[0] == '-' ? -offset : offset;
    }

    private static int Int(Match match, string group) => int.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture);

    private static int Month(Match match) => Array.FindIndex(Months, name => name.Equals(match.Groups["mo"].Value, StringComparison.OrdinalIgnoreCase)) + 1;

    private const string Clock = @"(?<h>\d{2}):(?<mi>\d{2}):(?<s>\d{2})(?:[.,](?<f>\d{1,9}))?";
    private const string MonthName = "(?<mo>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)";

    [GeneratedRegex(@"(?<!\d)(?<y>\d{4})/(?<mo>\d{2})/(?<d>\d{2}) " + Clock)]
    private static partial Regex NginxError();

    [GeneratedRegex(@"\[(?<d>\d{2})/" + MonthName + @"/(?<y>\d{4}):" + Clock + @"(?: (?<z>[+-]\d{4}))?\]", RegexOptions.IgnoreCase)]
    private static partial Regex Bracketed();

    [GeneratedRegex(@"(?<!\d)(?<y>\d{4})-(?<mo>\d{2})-(?<d>\d{2})[T ]" + Clock + @"(?<z>Z|[+-]\d{2}:?\d{2})?(?!\d)", RegexOptions.IgnoreCase)]
    private static partial Regex Iso();

    [GeneratedRegex(@"\[(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) " + MonthName + @" +(?<d>\d{1,2}) " + Clock + @" (?<y>\d{4})\]")]
    private static partial Regex ApacheError();

    [GeneratedRegex(@"^(?:<\d{1,3}>)?" + MonthName + @" +(?<d>\d{1,2}) " + Clock + @"(?!\d)")]
    private static partial Regex Syslog();
}
