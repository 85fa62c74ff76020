using Microsoft.AspNetCore.Diagnostics;

namespace KB.Web.Components.Pages;

public static class NotFoundPage
{
    /// <summary>
    /// Shows the "Page not found" page to people who browse to a missing address. API clients and form posts
    /// keep the bare status code, since a page re-executed for them would answer 405 or an HTML body.
    /// </summary>
    public static WebApplication UseNotFoundPageForBrowsers(this WebApplication app)
    {
        app.UseStatusCodePagesWithReExecute("/not-found");
        app.Use((context, next) =>
        {
            if (!HttpMethods.IsGet(context.Request.Method) || context.Request.Path.StartsWithSegments("/api"))
            {
                context.Features.Get<IStatusCodePagesFeature>()!.Enabled = false;
            }
            return next(context);
        });
        return app;
    }

    /// <summary>Any method on an unknown /api path answers 404 with problem details, not 405 from a page route.</summary>
    public static IEndpointRouteBuilder MapApiNotFound(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapFallback("/api/{**path}", () => Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "There is no API endpoint at this address."));
        return endpoints;
    }
}
