using System.Text.RegularExpressions;

namespace KB.Web.Features.Triage.Readers;

/// <summary>
/// The operating system's error behind a failed connection, however the program prints it: nginx "(111: Connection
/// refused)", Apache "(111)Connection refused", Python "[Errno 111]", Node and Go "ECONNREFUSED" or "connection refused".
/// </summary>
public sealed partial class SystemErrors : IFindingReader
{
    private sealed record SystemError(string Name, int Number, string Text, (string Cause, double Weight)[] Meanings);

    private static readonly SystemError[] Errors =
    [
        new("ECONNREFUSED", 111, "connection refused", [("upstream-down", 0.9)]),
        new("ECONNRESET", 104, "connection reset by peer", [("connection-reset", 0.9)]),
        new("EPIPE", 32, "broken pipe", [("connection-reset", 0.7)]),
        new("EHOSTUNREACH", 113, "no route to host", [("network-unreachable", 0.9), ("firewall-blocked", 0.3)]),
        new("EHOSTUNREACH", 113, "host is unreachable", [("network-unreachable", 0.9), ("firewall-blocked", 0.3)]),
        new("ENETUNREACH", 101, "network is unreachable", [("network-unreachable", 0.9)]),
        new("EACCES", 13, "permission denied", [("firewall-blocked", 0.8), ("socket-permission", 0.4)]),
        new("EPERM", 1, "operation not permitted", [("socket-permission", 0.7), ("firewall-blocked", 0.3)]),
        new("EMFILE", 24, "too many open files", [("resource-exhaustion", 0.9)]),
        new("ENFILE", 23, "too many open files in system", [("resource-exhaustion", 0.9)]),
        new("EADDRNOTAVAIL", 99, "cannot assign requested address", [("resource-exhaustion", 0.9)]),
        new("EAGAIN", 11, "resource temporarily unavailable", [("resource-exhaustion", 0.8)]),
        new("ENOMEM", 12, "cannot allocate memory", [("resource-exhaustion", 0.8), ("application-crash", 0.3)]),
        new("ENOENT", 2, "no such file or directory", [("misconfiguration", 0.5), ("upstream-down", 0.4)]),
    ];

    private static readonly (string Cause, double Weight)[] UnixSocketProblem = [("socket-permission", 0.95)];

    private static readonly (string Cause, double Weight)[] ConnectTimeout = [("firewall-blocked", 0.8), ("upstream-timeout", 0.6), ("network-unreachable", 0.4)];
    private static readonly (string Cause, double Weight)[] ResponseTimeout = [("upstream-timeout", 0.9), ("firewall-blocked", 0.2)];
    private static readonly (string Cause, double Weight)[] ResolverTimeout = [("dns-resolution", 0.9), ("upstream-timeout", 0.3)];

    public IEnumerable<Finding> Read(string line)
    {
        foreach (Match match in Mention().Matches(line))
        {
            var (meanings, name) = Classify(match, line);
            foreach (var (cause, weight) in meanings)
            {
                yield return new Finding(cause, weight, match.Index, match.Length, $"system error {name}");
            }
        }
        foreach (var finding in Phrases(line))
        {
            yield return finding;
        }
    }

    // The same errors in the words other runtimes print without a number: Rust "(os error 111)", Go "getsockopt:
    // connection refused", Windows "actively refused it", Java "Connection refused: no further information".
    private static IEnumerable<Finding> Phrases(string line)
    {
        var osError = OsError().Match(line);
        if (osError.Success)
        {
            var number = int.Parse(osError.Groups["number"].Value);
            if (IsTimeout("", number))
            {
                // A bare errno 110 (mod_jk prints "err=-110"): read by the phase the line names, like the spelled-out form.
                var connecting = ConnectingPhase().IsMatch(line) && !ReadingPhase().IsMatch(line);
                foreach (var (cause, weight) in connecting ? ConnectTimeout : ResponseTimeout)
                {
                    yield return new Finding(cause, weight, osError.Index, osError.Length, "system error ETIMEDOUT");
                }
            }
            foreach (var error in Errors.Where(error => error.Number == number).Take(1))
            {
                var meanings = error.Name is "EACCES" or "EPERM" or "ENOENT" && UnixSocket().IsMatch(line) ? UnixSocketProblem : error.Meanings;
                foreach (var (cause, weight) in meanings)
                {
                    yield return new Finding(cause, weight, osError.Index, osError.Length, $"system error {error.Name}");
                }
            }
        }
        foreach (var (pattern, cause, weight, name) in PhraseMeanings)
        {
            var match = pattern.Match(line);
            if (match.Success)
            {
                yield return new Finding(cause, weight, match.Index, match.Length, name);
            }
        }
        var expired = TimeoutExpired().Match(line);
        if (expired.Success)
        {
            var connecting = line.Contains("AH00957", StringComparison.Ordinal) || line.Contains("attempt to connect", StringComparison.OrdinalIgnoreCase);
            yield return new Finding(connecting ? "firewall-blocked" : "upstream-timeout", 0.9, expired.Index, expired.Length, "Apache: the timeout expired");
        }
        var timeout = TimeoutPhrase().Match(line);
        if (timeout.Success)
        {
            var reading = ReadingPhase().IsMatch(line);
            var (cause, weight) = reading ? ("upstream-timeout", 0.85) : ConnectingPhase().IsMatch(line) ? ("firewall-blocked", 0.75) : ("upstream-timeout", 0.6);
            yield return new Finding(cause, weight, timeout.Index, timeout.Length, reading ? "timed out reading the response" : "timed out");
        }
    }

    private static readonly (Regex Pattern, string Cause, double Weight, string Name)[] PhraseMeanings =
    [
        (new Regex(@"connection refused|actively refused|refused (the|this) connection|expressly denied that connection|ECONNREFUSED|ap_proxy_connect_backend disabling worker", Options), "upstream-down", 0.85, "connection refused"),
        (new Regex(@"connection reset by peer|socket hang up|forcibly closed by the remote host|response ended prematurely|connection prematurely closed|prematurely closed connection|Connection has been closed BEFORE|connection closed before (the )?(message|response)|ECONNRESET|reset by peer|pass request body failed", Options), "connection-reset", 0.85, "connection reset"),
        (new Regex(@"caused by: EOF\b|""error""\s*:\s*""(unexpected )?EOF""|: (unexpected )?EOF(?=[""'\s,;)]|$)|read: EOF\b", Options), "connection-reset", 0.8, "connection closed (EOF)"),
        (new Regex(@"no such host|name resolution failed|Temporary failure in name resolution|Name or service not known|getaddrinfo (ENOTFOUND|EAI_AGAIN)|DNS resolution failed|dns server error|could not resolve host|DNS lookup failure|no record found for name|dial tcp: lookup \S+", Options), "dns-resolution", 0.9, "name does not resolve"),
        (new Regex(@"no route to host|host is unreachable|network is unreachable", Options), "network-unreachable", 0.85, "no route to the upstream"),
        (new Regex(@"x509: |certificate (verify|verification) failed|unable to get (local )?issuer certificate|unable to establish (a secure|an SSL|a TLS) connection|backend (server )?certificate (is|does)|certificate is (not whitelisted|invalid)|handshake message out of context|\btls: (bad certificate|handshake failure|received unexpected)|self[- ]signed certificate|certificate has expired|unknown (certificate|ca)\b|InvalidCert|CERTIFICATE_VERIFY_FAILED|doesn't contain any IP SANs|SSL handshake failed|tlsv1 alert", Options), "tls-upstream", 0.85, "TLS handshake with the upstream failed"),
    ];

    private const RegexOptions Options = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant;

    [GeneratedRegex(@"os error (?<number>\d{1,3})\b|errno[= ]-?(?<number>\d{1,3})\b|\berr=-(?<number>\d{1,3})\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OsError();

    [GeneratedRegex(@"\bi/o timeout\b|\btimed out\b|SocketTimeoutException|\bETIMEDOUT\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TimeoutPhrase();

    [GeneratedRegex(@"\(70007\)\s*The timeout specified has expired", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TimeoutExpired();

    [GeneratedRegex(@"\bread tcp\b|Read timed out|while reading|receiv(e|ing) the response|reading response|waiting for (the )?(response|headers)|SocketTimeoutException", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ReadingPhase();

    [GeneratedRegex(@"\bunix:|\.sock\b|Unix domain socket|dial unix\b|\.socket\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex UnixSocket();

    private static ((string Cause, double Weight)[] Meanings, string Name) Classify(Match match, string line)
    {
        var number = match.Groups["number"].Success ? int.Parse(match.Groups["number"].Value) : (int?)null;
        var word = (match.Groups["text"].Success ? match.Groups["text"].Value : match.Groups["name"].Value).Trim();
        if (IsTimeout(word, number))
        {
            // A timeout while connecting means packets went unanswered; a timeout afterwards means a slow upstream.
            // Node's ETIMEDOUT is always the connect timeout (a slow response surfaces as a socket timeout instead).
            if (ResolvingPhase().IsMatch(line))
            {
                return (ResolverTimeout, "ETIMEDOUT");
            }
            var connecting = word.Equals("ETIMEDOUT", StringComparison.OrdinalIgnoreCase)
                || (ConnectingPhase().IsMatch(line) && !ReadingPhase().IsMatch(line));
            return (connecting ? ConnectTimeout : ResponseTimeout, "ETIMEDOUT");
        }
        foreach (var error in Errors)
        {
            if (number == error.Number
                || string.Equals(word, error.Name, StringComparison.OrdinalIgnoreCase)
                || string.Equals(word, error.Text, StringComparison.OrdinalIgnoreCase))
            {
                // Denied or missing on a unix socket is the socket's own problem; on a TCP port it is a policy or a path.
                if (error.Name is "EACCES" or "EPERM" or "ENOENT" && UnixSocket().IsMatch(line))
                {
                    return (UnixSocketProblem, error.Name);
                }
                return (error.Meanings, error.Name);
            }
        }
        return ([], word);
    }

    private static bool IsTimeout(string word, int? number) =>
        number is 110 or 60 || word.Equals("ETIMEDOUT", StringComparison.OrdinalIgnoreCase)
        || word.Equals("connection timed out", StringComparison.OrdinalIgnoreCase)
        || word.Equals("operation timed out", StringComparison.OrdinalIgnoreCase)
        || word.Equals("i/o timeout", StringComparison.OrdinalIgnoreCase);

    // "(111: Connection refused)", "(111)Connection refused", "[Errno 111] Connection refused", "ECONNREFUSED",
    // "connect: connection refused", "read: connection reset by peer", "dial tcp ...: i/o timeout".
    [GeneratedRegex(@"\((?<number>\d{1,3}):\s*(?<text>[A-Za-z /]+)\)|\((?<number>\d{1,3})\)(?<text>[A-Za-z][A-Za-z /]+?):|\[Errno (?<number>\d{1,3})\] (?<text>[A-Za-z /]+)|\b(?<name>E(?:CONNREFUSED|CONNRESET|PIPE|HOSTUNREACH|NETUNREACH|ACCES|PERM|MFILE|NFILE|ADDRNOTAVAIL|AGAIN|NOMEM|TIMEDOUT))\b|(?:connect|read|write|dial \S+ \S+):\s(?<text>connection refused|connection reset by peer|broken pipe|no route to host|network is unreachable|permission denied|too many open files|cannot assign requested address|i/o timeout|connection timed out|operation timed out)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Mention();

    [GeneratedRegex(@"while connecting to upstream|connect\(\) (to \S+ )?failed|\bconnect (ETIMEDOUT|EHOSTUNREACH)|dial tcp|\bconnect:|Layer4 timeout", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ConnectingPhase();

    [GeneratedRegex(@"\bresolv(er|e|ing)\b|\bDNS\b|lookup \S+ on \S+|dial tcp: lookup \S+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ResolvingPhase();
}
