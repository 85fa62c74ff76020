namespace KB.Web.Components;

public static class SecurityHeaders
{
    /// <summary>
    /// What the browser may load and run for a page of the app: its own scripts, styles, fonts and images only.
    /// Styles need 'unsafe-inline': MudBlazor sets style attributes (drawer widths, popover positions, chart colours),
    /// its theme provider writes the palette as a &lt;style&gt; element, and Blazor's reconnect dialog adds one too (all are
    /// refused without it). Style cannot run script, and user text never
    /// becomes markup outside the Markdown pipeline, which drops raw HTML. Scripts need neither 'unsafe-inline' nor
    /// 'unsafe-eval': blazor.web.js, MudBlazor.min.js and app.js are files and none of them evaluates strings.
    /// No data: images: the app has none. 'self' in connect-src covers Blazor's WebSocket to the same host in current
    /// browsers; where one would not match it, SignalR falls back to long polling on the same origin.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self'; font-src 'self'; connect-src 'self'; "
        + "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>Where a page that needs a narrower exception (its own script nonce) puts the whole policy of its response.</summary>
    public const string PagePolicyKey = "kb.page-content-security-policy";

    /// <summary>Adds the security headers to every response, error pages and static files included.</summary>
    public static WebApplication UseSecurityHeaders(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            // Set as the response starts, so an exception handler that clears the response does not drop them.
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = context.Items[PagePolicyKey] as string ?? ContentSecurityPolicy;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
                return Task.CompletedTask;
            });
            return next(context);
        });
        return app;
    }
}
