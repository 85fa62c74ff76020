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
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
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

    /// <summary>
    /// Answers 404 with the page being rendered ("Article not found", with a way on). A page that sets the status
    /// while it renders gets an empty body from Blazor's endpoint renderer, so the status is set as the response starts.
    /// </summary>
    public static void AnswerNotFoundWithThisPage(this HttpContext context) =>
        context.Response.OnStarting(() =>
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        });

    /// <summary>Any method on an unknown /api path answers 404 with problem details, not 405 from a page route.</summary>
    public static IEndpointRouteBuilder MapApiNotFound(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapFallback("/api/{**path}", () => Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "There is no API endpoint at this address."));
        return endpoints;
    }
}
