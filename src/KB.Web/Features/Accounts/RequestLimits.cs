using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace KB.Web.Features.Accounts;

/// <summary>
/// Rate limits: sign-in attempts per client address (password guessing; Identity's lockout guards each account on top)
/// and API calls per token, user or address. Over the limit the answer is 429 with Retry-After.
/// </summary>
public static class RequestLimits
{
    public static IServiceCollection AddRequestLimits(this IServiceCollection services)
    {
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IConfiguration>((options, configuration) =>
        {
            var signIn = PerMinute(configuration.GetValue("KB:RateLimits:SignInPerMinute", 10));
            var api = PerMinute(configuration.GetValue("KB:RateLimits:ApiPerMinute", 600));
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = async (context, cancellationToken) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "60";
                context.HttpContext.Response.ContentType = "text/plain; charset=utf-8";
                await context.HttpContext.Response.WriteAsync("Too many requests: wait a minute and try again.", cancellationToken);
            };
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                if (HttpMethods.IsPost(context.Request.Method) && context.Request.Path.StartsWithSegments(AccountsFeature.SignInPath))
                {
                    return RateLimitPartition.GetFixedWindowLimiter("sign-in " + Address(context), _ => signIn);
                }
                if (context.Request.Path.StartsWithSegments("/api"))
                {
                    return RateLimitPartition.GetFixedWindowLimiter("api " + Client(context), _ => api);
                }
                return RateLimitPartition.GetNoLimiter("");
            });
        });
        return services;
    }

    private static FixedWindowRateLimiterOptions PerMinute(int permits) => new()
    {
        PermitLimit = Math.Max(1, permits),
        Window = TimeSpan.FromMinutes(1),
        QueueLimit = 0,
    };

    private static string Client(HttpContext context) =>
        context.User.Identity?.IsAuthenticated == true
            ? "user " + (context.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? context.User.Identity.Name)
            : Address(context);

    private static string Address(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}
