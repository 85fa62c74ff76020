namespace KB.Web.Features.Triage.Hops;

/// <summary>The hops of DESIGN.md ("Hops"), what each one's failure means, and the marks that show a paste is that hop's.</summary>
public static class HopCatalogue
{
    private static readonly string[] AllCauses =
    [
        "upstream-down", "upstream-timeout", "connection-reset", "dns-resolution", "tls-upstream", "header-too-large",
        "invalid-response", "socket-permission", "resource-exhaustion", "firewall-blocked", "network-unreachable",
        "misconfiguration", "application-crash",
    ];

    private static readonly string[] OriginCauses =
    [
        "upstream-down", "upstream-timeout", "connection-reset", "tls-upstream", "invalid-response", "firewall-blocked",
        "dns-resolution", "header-too-large", "network-unreachable",
    ];

    private static readonly string[] TargetCauses =
    [
        "upstream-down", "upstream-timeout", "connection-reset", "tls-upstream", "invalid-response", "firewall-blocked",
        "misconfiguration", "application-crash", "header-too-large",
    ];

    private static readonly string[] PlatformCauses =
    [
        "application-crash", "upstream-timeout", "resource-exhaustion", "misconfiguration", "invalid-response",
        "connection-reset", "upstream-down",
    ];

    public static IReadOnlyList<HopEntry> Entries { get; } =
    [
        Cdn("cloudflare", "Cloudflare", "Cloudflare could not get a valid answer from your origin: the origin's own proxy and app are next.", "read-cloud-lb-logs", "curl-upstream", "check-firewall"),
        Cdn("aws-cloudfront", "Amazon CloudFront", "CloudFront could not connect to your origin or could not use its answer: the origin (load balancer, proxy, app) is next.", "curl-upstream", "check-tls-upstream", "read-cloud-lb-logs"),
        Cdn("akamai", "Akamai", "Akamai's edge answered with its own error page: the origin behind it, or the edge's rules (the Reference # tells Akamai which), are next.", "curl-upstream", "check-tls-upstream"),
        Cdn("fastly", "Fastly", "Fastly could not get a usable answer from your origin in time: the origin's proxy and app are next.", "curl-upstream", "check-tls-upstream") with { Refines = ["varnish"] },
        Cdn("varnish", "Varnish", "Varnish could not fetch the page from its backend: the backend in the VCL and its health probe are next.", "curl-upstream", "check-listeners"),
        Cdn("azure-frontdoor", "Azure Front Door", "Azure Front Door could not reach or use your origin: the origin (App Service, Application Gateway, load balancer) and its health probe are next.", "curl-upstream", "check-tls-upstream"),
        Lb("aws-alb", "AWS Application Load Balancer", "The load balancer could not get a valid answer from a target: the targets' health, port and keep-alive timeout are next.", "read-cloud-lb-logs", "check-listeners"),
        Lb("aws-api-gateway", "Amazon API Gateway", "API Gateway's integration failed: the Lambda function or HTTP backend behind it, and its response format, are next.", "read-cloud-lb-logs") with { FittingCauses = ["invalid-response", "upstream-timeout", "application-crash", "misconfiguration", "resource-exhaustion", "tls-upstream"] },
        Lb("gcp-lb", "Google Cloud load balancer (Google Front End)", "Google's front end could not get an answer from its backend: the backend service, its health checks and firewall rules are next.", "read-cloud-lb-logs", "check-firewall"),
        Lb("azure-appgw", "Azure Application Gateway", "Application Gateway could not get a valid answer from its backend pool: backend health, NSGs and backend certificates are next.", "check-tls-upstream", "check-listeners"),
        Proxy("nginx", "nginx", "nginx could not get a valid answer from its upstream: nginx's error log names the upstream and why.", "read-nginx-logs", "curl-upstream"),
        Proxy("openresty", "OpenResty", "OpenResty (nginx) could not get a valid answer from its upstream: its error log names the upstream and why.", "read-nginx-logs", "curl-upstream") with { Refines = ["nginx"] },
        Proxy("kong", "Kong Gateway", "Kong could not get a valid answer from the upstream service: Kong's error log and the service's targets are next.", "read-nginx-logs", "curl-upstream") with { Refines = ["nginx", "openresty"] },
        Proxy("haproxy", "HAProxy", "HAProxy could not get a valid answer from a backend server: the termination state in HAProxy's log says which side failed.", "read-haproxy-logs", "curl-upstream"),
        Proxy("envoy", "Envoy / Istio", "Envoy (a gateway or an Istio sidecar) could not get a valid answer from its upstream cluster: the response flags in its access log say why.", "read-envoy-logs", "check-kubernetes-endpoints"),
        Proxy("traefik", "Traefik", "Traefik could not get a valid answer from the service behind the router: its debug log says what the round trip returned.", "read-traefik-caddy-logs", "curl-upstream"),
        Proxy("caddy", "Caddy", "Caddy's reverse_proxy could not get a valid answer from its upstream: Caddy's error log names the dial or read that failed.", "read-traefik-caddy-logs", "curl-upstream"),
        Proxy("apache", "Apache httpd (mod_proxy)", "Apache's mod_proxy could not get a valid answer from the backend: the [proxy] lines of Apache's error log say why.", "read-apache-iis-logs", "curl-upstream"),
        App("iis", "IIS (ARR / ASP.NET Core Module)", "IIS could not get a valid answer from the app process: the substatus and Win32 code, and the app's stdout log, are next.", "read-apache-iis-logs", "monitor-resources"),
        App("heroku", "Heroku router", "Heroku's router could not get an answer from a dyno: the H-code in heroku logs and the dyno's own log are next.", "monitor-resources", "curl-upstream"),
        App("vercel", "Vercel", "Vercel's function failed or did not answer: the function's runtime log for that request ID is next.", "monitor-resources"),
        App("netlify", "Netlify", "Netlify's function failed or did not answer: the function log for that request is next.", "monitor-resources"),
        Proxy("other", "Another proxy", "A proxy that 502 Desk has no page for answered: its own error log is next.", "curl-upstream", "validate-proxy-config"),
    ];

    private static readonly Dictionary<string, HopEntry> BySlug = Entries.ToDictionary(entry => entry.Component);

    public static HopEntry Find(string component) => BySlug.TryGetValue(component, out var entry) ? entry : BySlug["other"];

    private static HopEntry Cdn(string slug, string name, string where, params string[] next) =>
        new(slug, name, HopFamily.Cdn, where, ["cdn-error-pages", .. next], OriginCauses, []);

    private static HopEntry Lb(string slug, string name, string where, params string[] next) =>
        new(slug, name, HopFamily.CloudLoadBalancer, where, ["cloud-lb-error-pages", .. next], TargetCauses, []);

    private static HopEntry Proxy(string slug, string name, string where, params string[] next) =>
        new(slug, name, HopFamily.ReverseProxy, where, ["proxy-error-pages", .. next], AllCauses, []);

    private static HopEntry App(string slug, string name, string where, params string[] next) =>
        new(slug, name, HopFamily.AppPlatform, where, ["app-platform-error-pages", .. next], PlatformCauses, []);
}
