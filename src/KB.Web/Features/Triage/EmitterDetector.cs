using System.Text.RegularExpressions;

namespace KB.Web.Features.Triage;

/// <summary>Recognises which proxy, load balancer or app server wrote a log line, from the shape of the line.</summary>
public static partial class EmitterDetector
{
    // Most specific first: a Traefik or Caddy line also says "dial tcp" like any Go program.
    private static readonly (string Emitter, Regex Pattern)[] Shapes =
    [
        ("aws-alb", AwsAlb()),
        ("gcp-lb", GcpLb()),
        ("cloudflare", Cloudflare()),
        ("iis", Iis()),
        ("ingress-nginx", IngressNginx()),
        ("haproxy", Haproxy()),
        ("envoy", Envoy()),
        ("traefik", Traefik()),
        ("caddy", Caddy()),
        ("apache", Apache()),
        ("nginx", Nginx()),
        ("php-fpm", PhpFpm()),
        ("gunicorn", Gunicorn()),
        ("uwsgi", Uwsgi()),
        ("kubernetes", Kubernetes()),
        ("kernel", Kernel()),
        ("node", Node()),
        ("go", Go()),
    ];

    public static string? Detect(string line)
    {
        foreach (var (emitter, pattern) in Shapes)
        {
            if (pattern.IsMatch(line))
            {
                return emitter;
            }
        }
        return null;
    }

    /// <summary>Whether a signature written for <paramref name="signatureEmitter"/> fits a line from <paramref name="lineEmitter"/>.</summary>
    public static bool Fits(string signatureEmitter, string? lineEmitter) =>
        lineEmitter is null
        || signatureEmitter == "generic"
        || signatureEmitter == lineEmitter
        || (signatureEmitter, lineEmitter) is ("nginx", "ingress-nginx") or ("ingress-nginx", "nginx")
        || lineEmitter is "go" or "kubernetes" or "kernel";

    private const RegexOptions Options = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant;

    [GeneratedRegex(@"^(https?|h2|grpcs|wss?) \d{4}-\d\d-\d\dT[\d:.]+Z \S+ [\d.:a-f\[\]]+:\d+ ", Options)]
    private static partial Regex AwsAlb();

    [GeneratedRegex(@"statusDetails|type\.googleapis\.com/google\.cloud\.loadbalancing|""backend_service_name""", Options)]
    private static partial Regex GcpLb();

    [GeneratedRegex(@"cloudflare|cf-ray|\bError (52[0-7]|530)\b|\berror code:? (52[0-7]|530|1016)\b|EdgeResponseStatus|OriginResponseStatus", Options)]
    private static partial Regex Cloudflare();

    [GeneratedRegex(@"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d .*\b50[0-9] \d{1,2} \d+ \d+|HTTP Error 502\.\d|\bARR\b|Application Request Routing|0x8007[0-9a-f]{4}", Options)]
    private static partial Regex Iis();

    [GeneratedRegex(@"ingress-nginx|nginx-ingress|does not have any active Endpoint|\[[\w.-]+-[\w.-]+-\d+\] \[[^\]]*\] \d+\.\d+\.\d+\.\d+:\d+", Options)]
    private static partial Regex IngressNginx();

    [GeneratedRegex(@"haproxy\[\d+\]|\s[A-Za-z-]{4} \d+/\d+/\d+/\d+/\+?\d+ \d+/\d+ |<NOSRV>|Server \S+/\S+ is DOWN|backend \S+ has no server available", Options)]
    private static partial Regex Haproxy();

    [GeneratedRegex(@"upstream_reset_before_response_started|upstream connect error or disconnect/reset before headers|\benvoy\b|istio|""response_flags""|^\[\d{4}-\d\d-\d\dT[\d:.]+Z\] ""[A-Z]+ \S+ HTTP/[\d.]+"" \d{3} ", Options)]
    private static partial Regex Envoy();

    [GeneratedRegex(@"traefik|'50[0-9] [A-Za-z ]+' caused by|level=\w+ msg=""[^""]*(Bad Gateway|caused by)", Options)]
    private static partial Regex Traefik();

    [GeneratedRegex(@"""logger""\s*:\s*""http\.|\bcaddy\b", Options)]
    private static partial Regex Caddy();

    [GeneratedRegex(@"\[proxy(_\w+)?:\w+\]|\bAH\d{5}\b|\[(core|mpm_\w+|ssl|proxy_fcgi|proxy_http):\w+\]|mod_proxy", Options)]
    private static partial Regex Apache();

    [GeneratedRegex(@"\[(emerg|alert|crit|error|warn|notice|info)\] \d+#\d+: |\b(while|when) (connecting to|reading (response header|upstream)|sending request to|SSL handshaking to) upstream|\bupstream: ""|nginx", Options)]
    private static partial Regex Nginx();

    [GeneratedRegex(@"\[pool [^\]]+\]|php-fpm|php\d?-fpm|FPM initialization|pm\.max_children", Options)]
    private static partial Regex PhpFpm();

    [GeneratedRegex(@"gunicorn|WORKER TIMEOUT|Booting worker with pid|Worker \(pid:\d+\)|Worker failed to boot", Options)]
    private static partial Regex Gunicorn();

    [GeneratedRegex(@"uwsgi|DAMN ! worker|HARAKIRI|invalid request block size", Options)]
    private static partial Regex Uwsgi();

    [GeneratedRegex(@"OOMKilled|CrashLoopBackOff|kubelet|Back-off restarting|(Readiness|Liveness) probe failed|kubectl", Options)]
    private static partial Regex Kubernetes();

    [GeneratedRegex(@"kernel:|Out of memory: Kill|oom-kill|oom_reaper|segfault at|avc:\s+denied|\bIN=\S* OUT=\S*", Options)]
    private static partial Regex Kernel();

    [GeneratedRegex(@"\bE(CONNREFUSED|CONNRESET|TIMEDOUT|NOTFOUND|AI_AGAIN|HOSTUNREACH|NETUNREACH)\b|socket hang up|at TCPConnectWrap|node:internal|JavaScript heap", Options)]
    private static partial Regex Node();

    [GeneratedRegex(@"http: proxy error|httputil|\bdial (tcp|unix)\b|net/http:", Options)]
    private static partial Regex Go();
}
