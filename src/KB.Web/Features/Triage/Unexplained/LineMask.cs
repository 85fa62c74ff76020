using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace KB.Web.Features.Triage.Unexplained;

/// <summary>
/// Turns a pasted line into the only form of it that is kept: addresses, ports, ids, tokens, e-mail addresses, times,
/// host names and long numbers replaced by markers such as <c>&lt;ip&gt;</c> or <c>&lt;n&gt;</c>. Numbers of up to
/// three digits stay (errno values, status codes and signal numbers are what a signature is written on).
/// </summary>
public static partial class LineMask
{
    /// <summary>The longest masked line kept; the rest is cut.</summary>
    public const int MaxLength = 300;

    public static string Mask(string line)
    {
        var text = line.Trim();
        text = QueryString().Replace(text, "?<query>");
        text = SecretSetting().Replace(text, match => $"{match.Groups["key"].Value}{match.Groups["sep"].Value}<secret>");
        text = Credentials().Replace(text, match => $"{match.Groups["scheme"].Value} <secret>");
        text = UrlCredentials().Replace(text, "://<secret>@");
        text = Jwt().Replace(text, "<token>");
        text = Email().Replace(text, "<email>");
        text = Uuid().Replace(text, "<id>");
        text = Timestamp().Replace(text, "<time>");
        text = IPv4().Replace(text, "<ip>");
        text = IPv6Candidate().Replace(text, match => IPAddress.TryParse(match.Value.Trim('[', ']'), out var address) && address.AddressFamily == AddressFamily.InterNetworkV6
            ? (match.Value.StartsWith('[') ? "[<ip>]" : "<ip>")
            : match.Value);
        text = HostName().Replace(text, match => Tlds.Contains(match.Groups["tld"].Value) ? "<host>" : match.Value);
        text = Port().Replace(text, ":<port>");
        text = HexId().Replace(text, "<id>");
        text = Token().Replace(text, "<token>");
        text = PathDigits().Replace(text, path => Digits().Replace(path.Value, "<n>"));
        text = ConnectionNumber().Replace(text, match => $"{match.Groups["mark"].Value}<n>");
        text = Decimal().Replace(text, "<n>");
        text = LongNumber().Replace(text, "<n>");
        text = Spaces().Replace(text, " ");
        return text.Length <= MaxLength ? text : text[..MaxLength];
    }

    /// <summary>
    /// Whether a line is worth an editor's look: it names a failure (an error word or a 5xx status) and is not an
    /// access-log line of a request that did not fail on the server side (status below 500).
    /// </summary>
    public static bool LooksLikeErrorLine(string line)
    {
        if (string.IsNullOrWhiteSpace(line) || line.Trim().Length < MinLength)
        {
            return false;
        }
        if (AccessLogStatus().Match(line) is { Success: true } access && int.Parse(access.Groups["status"].Value) < 500)
        {
            return false;
        }
        return FailureWord().IsMatch(line);
    }

    private const int MinLength = 12;

    // Host names are masked only when they end in a top-level name seen in real hosts: "java.net.ConnectException"
    // and "nginx.conf" stay readable, "shop.example.com" and "api.svc.cluster.local" do not.
    private static readonly HashSet<string> Tlds = new(StringComparer.OrdinalIgnoreCase)
    {
        "com", "net", "org", "io", "dev", "app", "co", "uk", "de", "fr", "nl", "eu", "us", "ca", "au", "jp", "cn", "ru",
        "br", "in", "info", "biz", "cloud", "internal", "local", "lan", "svc", "corp", "home", "site", "online", "tech",
        "xyz", "me", "ai", "test", "example", "localdomain", "intra",
    };

    private const RegexOptions Options = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant;

    [GeneratedRegex(@"\?[^\s""'<>]+", Options)]
    private static partial Regex QueryString();

    [GeneratedRegex(@"(?<key>\b(?:access[_-]?token|refresh[_-]?token|id[_-]?token|token|api[_-]?key|apikey|key|password|passwd|pwd|secret|client[_-]?secret|auth|authorization|session(?:[_-]?id)?|sid|sig|signature|cookie|set-cookie|x-api-key))(?<sep>""?\s*[=:]\s*""?)(?:(?:Bearer|Basic)\s+)?[^\s""&,;]+", Options)]
    private static partial Regex SecretSetting();

    [GeneratedRegex(@"(?<scheme>\b(?:Bearer|Basic|Token))\s+[A-Za-z0-9._~+/=-]{6,}", Options)]
    private static partial Regex Credentials();

    [GeneratedRegex(@"://[^\s/@""']+@", Options)]
    private static partial Regex UrlCredentials();

    [GeneratedRegex(@"\beyJ[\w-]+\.[\w-]+\.[\w-]*", RegexOptions.CultureInvariant)]
    private static partial Regex Jwt();

    [GeneratedRegex(@"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", Options)]
    private static partial Regex Email();

    [GeneratedRegex(@"\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b", Options)]
    private static partial Regex Uuid();

    // 2026-12-02T11:58:29.123Z, 2026/12/02 11:58:29, [02/Dec/2026:11:58:29 +0000], Wed Dec 02 11:58:29.123456 2026,
    // Dec  2 11:58:29, 11:58:29.123, 1733140709.123 (epoch seconds with a fraction).
    [GeneratedRegex(
        @"\b\d{4}[-/]\d{2}[-/]\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:[.,]\d+)?(?:Z|\s?[+-]\d{2}:?\d{2}\b)?)?"
        + @"|\b\d{2}/(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)/\d{4}(?::\d{2}:\d{2}:\d{2})?(?:\s[+-]\d{4})?"
        + @"|\b(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun),?\s+)?(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\s+\d{1,2},?\s+(?:\d{4}\s+)?\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:\s+\d{4})?"
        + @"|\b\d{1,2}:\d{2}:\d{2}(?:[.,]\d+)?\b"
        + @"|\b1\d{9}(?:\.\d+)?\b",
        Options)]
    private static partial Regex Timestamp();

    // 10.0.4.17, and the dashed form of cloud host names (ip-10-0-4-17).
    [GeneratedRegex(@"(?<![\d.])\d{1,3}(?:\.\d{1,3}){3}(?![\d.]*\d)|\b(?<=ip-)\d{1,3}(?:-\d{1,3}){3}\b", Options)]
    private static partial Regex IPv4();

    [GeneratedRegex(@"(?<![\w:.])\[?(?:[0-9a-f]{0,4}:){2,7}[0-9a-f]{0,4}(?:%\w+)?\]?(?![\w.])", Options)]
    private static partial Regex IPv6Candidate();

    [GeneratedRegex(@"(?<![\w./-])(?:[a-z0-9](?:[\w-]*[a-z0-9])?\.)+(?<tld>[a-z]{2,12})\b(?![.(])", Options)]
    private static partial Regex HostName();

    [GeneratedRegex(@"(?<=[\w>\]]):\d{1,5}\b", Options)]
    private static partial Regex Port();

    // A run of hex digits that holds a digit and is long enough to be an id (trace ids, request ids, container ids);
    // 0x-prefixed codes of up to eight digits are error codes and stay.
    [GeneratedRegex(@"\b(?!0x[0-9a-f]{1,8}\b)(?:0x)?(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{8,}\b", Options)]
    private static partial Regex HexId();

    // A long run of letters and digits mixed, as keys, signatures and session ids are.
    [GeneratedRegex(@"(?<![\w<])(?=[\w+=-]*\d[\w+=-]*\d)(?=[\w+=-]*[a-z][\w+=-]*[a-z])[\w+=-]{16,}(?![\w>])", Options)]
    private static partial Regex Token();

    [GeneratedRegex(@"(?<=^|[\s""'=(:\[])/[^\s""'?<>]*", Options)]
    private static partial Regex PathDigits();

    [GeneratedRegex(@"\d+", Options)]
    private static partial Regex Digits();

    // nginx's connection and worker numbers: "*42", "1234#1234".
    [GeneratedRegex(@"(?<mark>[*#])\d+\b", Options)]
    private static partial Regex ConnectionNumber();

    [GeneratedRegex(@"(?<!HTTP/|[\w.])\d+\.\d+\b(?!\.\d)", Options)]
    private static partial Regex Decimal();

    [GeneratedRegex(@"(?<![\w.])\d{4,}\b|(?<=[a-z])\d{4,}\b", Options)]
    private static partial Regex LongNumber();

    [GeneratedRegex(@"\s+", Options)]
    private static partial Regex Spaces();

    [GeneratedRegex(@"""(?:GET|POST|PUT|DELETE|HEAD|PATCH|OPTIONS|CONNECT|TRACE) [^""]* HTTP/[\d.]+"" (?<status>\d{3})\b", Options)]
    private static partial Regex AccessLogStatus();

    [GeneratedRegex(@"error|fail|refused|timed? ?out|timeout|reset|denied|unreachable|unavailable|bad gateway|invalid|closed|exception|panic|fatal|\bcrit|\bwarn|abort|killed|cannot|can't|unable|no such|not found|\bEOF\b|upstream|backend|\b5\d\d\b|errno|broken pipe|unhealthy|down\b|rejected|too many|exceeded|overflow|segfault|signal", Options)]
    private static partial Regex FailureWord();
}
