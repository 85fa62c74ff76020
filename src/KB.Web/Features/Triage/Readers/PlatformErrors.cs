using System.Text.RegularExpressions;

namespace KB.Web.Features.Triage.Readers;

/// <summary>
/// The documented error codes and messages of hosting platforms, gateways and app servers: Heroku router codes,
/// Fly.io, Render, Railway, Vercel, Netlify, API Gateway and Lambda, Azure App Service and Front Door, Cloud Run,
/// Kubernetes, Linkerd, Kong, APISIX, Zuul, ngrok, gunicorn, uWSGI, Passenger, php-fpm and the kernel.
/// An app server's own line names the root cause, so it weighs more than a proxy's symptom line (1.2 against 1).
/// </summary>
public sealed class PlatformErrors : IFindingReader
{
    private const double RootCause = 1.2;
    private const double Named = 1.0;
    private const double Suggests = 0.7;

    private sealed record Message(Regex Pattern, (string Cause, double Weight)[] Meanings, string Reason);

    private static Message M(string pattern, string reason, params (string Cause, double Weight)[] meanings) =>
        new(new Regex(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100)), meanings, reason);

    private static readonly Message[] Messages =
    [
        // Heroku router codes (devcenter "Error codes").
        M(@"\b(code=|Error )H1[25]\b", "Heroku router timeout (H12/H15)", ("upstream-timeout", Named)),
        M(@"\b(code=|Error )H13\b|Connection closed without response", "Heroku H13: the dyno closed the connection", ("connection-reset", Named)),
        M(@"\b(code=|Error )H1[49]\b|No web processes running", "Heroku: no web dyno to route to", ("upstream-down", Named)),
        M(@"\b(code=|Error )H10\b|desc=""App crashed""", "Heroku H10: the app crashed", ("application-crash", Named)),
        M(@"\bError R10 \(Boot timeout\)|failed to bind to \$PORT", "the app did not bind to the port the platform routes to", ("misconfiguration", RootCause)),
        M(@"\b(code=|Error )H8[0-2]\b|Memory quota (vastly )?exceeded|\bR1[45]\b.*memory", "platform memory or quota limit", ("resource-exhaustion", Named)),

        // Platforms that route to a port the app must listen on.
        M(@"is your app listening on|not listening on the expected address|no open ports detected|Bind your service to at least one port|didn't respond to HTTP pings on port|Failed to start and (then )?listen on the port|failed to bind to \$PORT", "the app does not listen where the platform routes", ("misconfiguration", RootCause)),
        M(@"instance refused connection|could not find (an instance to route to|a good candidate)|Application failed to respond", "the platform found nothing accepting connections", ("upstream-down", Named)),
        M(@"ERR_NGROK_8012|failed to establish a connection to the (local address|upstream web service)", "ngrok could not reach the local service", ("upstream-down", Suggests)),

        // Serverless functions.
        M(@"NO_RESPONSE_FROM_FUNCTION|FUNCTION_INVOCATION_FAILED|Serverless Function has crashed|Runtime\.(UnhandledPromiseRejection|ExitError)|MODULE_NOT_FOUND", "the function crashed", ("application-crash", Named)),
        M(@"FUNCTION_INVOCATION_TIMEOUT|Task timed out after [\d.]+ seconds|Endpoint request timed out|ClientExecutionTimeoutException", "the function or its endpoint timed out", ("upstream-timeout", Named)),
        M(@"Malformed Lambda proxy response|BODY_NOT_A_STRING_FROM_FUNCTION", "the function answered something that is not a valid proxy response", ("invalid-response", Named)),
        M(@"Lambda function associated with the CloudFront distribution is invalid|Execution failed due to configuration error: (Invalid|No)", "the gateway is configured with an invalid function", ("misconfiguration", Named)),

        // Azure, Google Cloud.
        M(@"ErrorInfo\S*\W+OriginTimeout|\bOriginTimeout\b", "Front Door timed out waiting for the origin", ("upstream-timeout", Named)),
        M(@"\bOriginConnectionError\b|\bOriginConnectionAborted\b", "Front Door could not connect to the origin", ("upstream-down", Suggests), ("firewall-blocked", 0.4)),
        M(@"Status code of the backend's HTTP response did not match the probe setting", "the health probe gets an unexpected status", ("misconfiguration", Named)),
        M(@"NSG/UDR/Firewall on the application gateway subnet is blocking", "a network security group blocks the gateway", ("firewall-blocked", Suggests)),
        M(@"\bfailed_to_pick_backend\b", "no healthy backend to pick", ("upstream-down", Named)),
        M(@"\bbackend_connection_closed_before_data_sent_to_client\b", "the backend closed the connection", ("connection-reset", Named)),

        // Service meshes, Kubernetes, gateways.
        M(@"no endpoints available for (service )?\\?""?[\w.-]+|Error getting ResourceLocation: no endpoints", "the service has no ready endpoints", ("upstream-down", Named)),
        M(@"service in fail-fast|Logical service in fail-fast|entering failfast", "Linkerd: no endpoint accepts connections (fail-fast)", ("upstream-down", Named)),
        M(@"Load balancer does not have available server for client: [\w.-]+\s*$|Load balancer does not have available server for client: [\w-]+(?!\S)", "no registered instance for the service", ("upstream-down", Named)),
        M(@"Load balancer does not have available server for client: //|Load balancer does not have available server for client: \S*[:/]", "the route names a URL where a service id belongs", ("misconfiguration", RootCause)),
        M(@"failed the initial dns/balancer resolve|failed to retry the dns/balancer resolver|DNS resolution failed: dns server error|""message""\s*:\s*""name resolution failed""", "Kong could not resolve the upstream", ("dns-resolution", Named)),
        M(@"failed to pick server: missing upstream configuration|missing upstream configuration", "APISIX route without an upstream", ("misconfiguration", Named)),
        M(@"failed to pick server|no valid upstream node", "APISIX found no upstream node", ("upstream-down", Suggests)),
        M(@"is DOWN, reason: Layer4 (connection problem|timeout)|has no server available", "HAProxy: every server failed its health check", ("upstream-down", Named)),
        M(@"Registered endpoint failed to handle the request|backend-endpoint-failed|endpoint-failed", "Cloud Foundry: the app instance failed the request", ("connection-reset", 0.5), ("upstream-down", 0.4)),
        M(@"Could not connect to the server|Could Not Connect", "the proxy could not connect", ("upstream-down", Suggests)),

        // App servers: their own line names the root cause.
        M(@"WORKER TIMEOUT|HARAKIRI|worker \d+ lifetime reached|timeout \(\d+s > \d+s\), killing", "the app server killed a worker that ran too long", ("upstream-timeout", RootCause)),
        M(@"Worker failed to boot|HaltServer|App failed to load|Exception in worker process|error occurr?ed while starting up the preloader|Could not spawn process|Cannot checkout session because a spawning error|ANCM Out-Of-Process Startup Failure|HTTP Error 502\.5|failed to start process with commandline", "the app failed to start", ("application-crash", RootCause)),
        M(@"reached (pm\.)?max_children|PumaWorkerKiller: Out of memory|Out of memory\. \d+ workers|heap out of memory|\bOOMKilled\b|oom-kill|Out of memory: Kill|Killed process \d+", "out of memory or worker pool exhausted", ("resource-exhaustion", RootCause)),
        M(@"killed by signal 9|SIGKILL|signal 9\b|exited with status 137|status[= ]137\b|status=9/KILL|code \[?137\]?", "a process killed by SIGKILL", ("resource-exhaustion", 1.05)),
        M(@"Segmentation fault|SIGSEGV|signal 11\b|exit signal Aborted \(6\)|signal 6\b|core dumped", "a process crashed", ("application-crash", Named)),

        // A process that exits on its own, again and again, or cannot load its code.
        M(@"Scheduled restart job, restart counter is at|CrashLoopBackOff|Back-off restarting failed container|exited with (exit )?code \[?[1-9]\d*\]?|code=exited, status=[1-9]", "the process exits and is restarted", ("application-crash", Named)),
        M(@"Cannot find module '|ModuleNotFoundError|ImportError: (No module named|cannot import name)|cannot load such file -- |ClassNotFoundException|NoClassDefFoundError", "the app cannot load its code", ("application-crash", Named)),
        M(@"^\s*(\S+\s+\|\s+)?(TypeError|ReferenceError|SyntaxError|RangeError): |\bUncaught (exception|TypeError|Error)\b|\bunhandled (exception|rejection)\b|^\s*panic: ", "an uncaught exception in the app", ("application-crash", 0.6)),

        // Health checks and gateways' own words.
        M(@"(?-i:""UNHEALTHY""|\bHEALTH_STATE_UNHEALTHY\b)|healthState\W+UNHEALTHY|Target\.FailedHealthChecks|No server is available to handle this request", "the backend fails its health check", ("upstream-down", Named)),
        M(@"""error""\s*:\s*""Gateway Time-?out""", "the gateway reports a timeout", ("upstream-timeout", Suggests)),
        M(@"No protocol handler was valid for the URL", "Apache has no proxy module for the URL's scheme", ("misconfiguration", Named)),

        // A host name that is still a variable or a placeholder: the configuration was never filled in.
        M(@"(?:lookup|resolve|resolving|host(?:name)?\s*[=:])\s*[""']?(?:\$\{?[A-Za-z_]\w*\}?|%[A-Za-z_]\w*%)", "the host name is an unexpanded variable", ("misconfiguration", RootCause)),

        // An app server or supervisor reporting that the app itself died or never started.
        M(@"\[nodemon\] app crashed|FPM initialization failed|\bsegfault at [0-9a-f]+ ip\b", "the app process crashed or failed to start", ("application-crash", RootCause)),
        M(@"Allocation failed - (JavaScript heap|process) out of memory|CALL_AND_RETRY_LAST Allocation failed", "the runtime ran out of memory", ("resource-exhaustion", RootCause)),

        // Load balancers' health checks: every server down, or a check that asks the wrong question.
        M(@"no hosts available upstream|no upstreams available|Health check for server \S+ failed, reason: (Health analyze|Layer4)|L4 unsuccessful connection|health status changed to UNHEALTHY", "the balancer has no healthy server", ("upstream-down", Named)),
        M(@"Layer7 wrong status", "the health check expects another status than the app answers", ("misconfiguration", RootCause)),

        // TLS spoken to a plain port, or plain HTTP spoken to a TLS or HTTP/2 port.
        M(@"routines:\w*:unknown protocol|SSL Proxy requested for .* but not enabled|malformed HTTP response \\?""(\\{1,2}x00){3}", "the proxy and the backend speak different protocols on that port", ("misconfiguration", RootCause)),

        // A proxy that looks up an address or a host:port as if it were a name.
        M(@"DNS lookup failure for: (\d{1,3}(\.\d{1,3}){3}\b|[^\s:]+:\d+[^\s\d])", "the proxy target is written so that the proxy resolves an address or a port", ("misconfiguration", RootCause)),

        // Caches' and platforms' documented words for a backend that did not answer in time or did not listen.
        M(@"Backend fetch failed|\bbackend read error\b|first_byte_timeout", "the cache gave up fetching from the backend", ("upstream-timeout", Suggests), ("upstream-down", 0.4)),
        M(@"\bOriginInvalidResponse\b", "Front Door: the origin did not answer within the origin timeout", ("upstream-timeout", Named)),
        M(@"\bPC01\b|Machine refused connection on port", "Fly.io: the machine does not listen on the configured internal port", ("misconfiguration", RootCause)),
        M(@"Web application could not be started by the Phusion Passenger", "Passenger could not start the app", ("application-crash", RootCause)),

        // Header overflows that the proxy words as a protocol error or a status.
        M(@"headers count exceeds limit|too many headers|\b431\b.{0,40}(Header|status)|status code 431\b|Request Header Fields Too Large|TooBigHeaders|response headers size exceeding", "headers over the proxy's or the upstream's limit", ("header-too-large", Named)),

        // Errno spellings that name the path rather than the peer.
        M(@"connect\(\) to \[[0-9a-f:]+\]:\d+ failed \(99: Cannot assign requested address\)", "no IPv6 source address to reach an IPv6 upstream", ("network-unreachable", RootCause)),
        M(@"use of closed network connection", "the connection was closed under the proxy", ("connection-reset", Named)),
        M(@"\bwrite EPROTO\b|\bEPROTO\b.{0,80}(SSL|TLS|handshake)", "the TLS handshake with the upstream failed", ("tls-upstream", Named)),

        // A proxy target that cannot be what was meant: a scheme with one slash.
        M(@"\bto https?:/(?!/)\w", "the proxy target URL is malformed", ("misconfiguration", RootCause)),

        // SELinux on a TCP port is a policy block, not a socket problem.
        M(@"avc:\s+denied\s+\{[^}]*name_connect[^}]*\}|tcp_socket name_connect|httpd_can_network_connect", "SELinux denies the TCP connect", ("firewall-blocked", Named)),
    ];

    private static readonly Regex BlockSize = new(@"invalid request block size: (?<size>\d{1,9}) \(max (?<max>\d{1,9})\)", RegexOptions.CultureInvariant);

    public IEnumerable<Finding> Read(string line)
    {
        // uWSGI's request block: just above its buffer it is a large header; far above it, HTTP spoken to the uwsgi socket.
        var block = BlockSize.Match(line);
        if (block.Success)
        {
            var size = long.Parse(block.Groups["size"].Value);
            var max = long.Parse(block.Groups["max"].Value);
            yield return size <= 3 * max
                ? new Finding("header-too-large", RootCause, block.Index, block.Length, "uWSGI: request headers larger than its buffer")
                : new Finding("misconfiguration", RootCause, block.Index, block.Length, "uWSGI: a request far larger than any header, usually HTTP sent to the uwsgi socket");
        }
        foreach (var message in Messages)
        {
            Match match;
            try
            {
                match = message.Pattern.Match(line);
            }
            catch (RegexMatchTimeoutException)
            {
                continue;
            }
            if (!match.Success)
            {
                continue;
            }
            foreach (var (cause, weight) in message.Meanings)
            {
                yield return new Finding(cause, weight, match.Index, match.Length, message.Reason);
            }
        }
    }
}
