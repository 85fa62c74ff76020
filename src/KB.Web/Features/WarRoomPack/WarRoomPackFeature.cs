using System.Text;
using KB.Web.Components;
using KB.Web.Features.Incidents;
using KB.Web.Features.Knowledge;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace KB.Web.Features.WarRoomPack;

/// <summary>
/// Downloads of the war-room pack, for an incident and for an article. They need what the pages need: a signed-in
/// user (the app's fallback policy), any role.
/// </summary>
public static class WarRoomPackFeature
{
    /// <summary>The file loads nothing and runs nothing: inline styles only, images only as data URIs.</summary>
    public const string ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

    public static IEndpointRouteBuilder MapWarRoomPack(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/incidents/{id:int}/pack", IncidentPackAsync);
        endpoints.MapGet("/kb/{slug}/pack", ArticlePackAsync);
        return endpoints;
    }

    private static async Task<IResult> IncidentPackAsync(int id, HttpContext context, IncidentService incidents, KnowledgeBase knowledgeBase, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (await incidents.FindAsync(id, cancellationToken) is not { } incident)
        {
            return TypedResults.NotFound();
        }
        return await DownloadAsync(context, WarRoomPack.ForIncident(incident, knowledgeBase.Current, AppUrl(context), clock.GetUtcNow().UtcDateTime));
    }

    private static async Task<IResult> ArticlePackAsync(string slug, HttpContext context, KnowledgeBase knowledgeBase, TimeProvider clock)
    {
        var catalog = knowledgeBase.Current;
        if (catalog.Find(slug) is not { } article)
        {
            return TypedResults.NotFound();
        }
        return await DownloadAsync(context, WarRoomPack.ForArticle(article, catalog, AppUrl(context), clock.GetUtcNow().UtcDateTime));
    }

    private static async Task<IResult> DownloadAsync(HttpContext context, WarRoomPack pack)
    {
        var html = await RenderAsync(context.RequestServices, pack);
        context.Items[SecurityHeaders.PagePolicyKey] = $"{ContentSecurityPolicy}; frame-ancestors 'none'";
        context.Response.Headers.CacheControl = "no-store";
        return TypedResults.File(Encoding.UTF8.GetBytes(html), "text/html; charset=utf-8", pack.FileName);
    }

    private static async Task<string> RenderAsync(IServiceProvider services, WarRoomPack pack)
    {
        await using var renderer = new HtmlRenderer(services, services.GetRequiredService<ILoggerFactory>());
        return await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var parameters = ParameterView.FromDictionary(new Dictionary<string, object?> { [nameof(WarRoomPackDocument.Pack)] = pack });
            var output = await renderer.RenderComponentAsync<WarRoomPackDocument>(parameters);
            return output.ToHtmlString();
        });
    }

    /// <summary>The app's address as the browser reached it, for the links in the file that lead back to it.</summary>
    private static Uri AppUrl(HttpContext context) =>
        new($"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}/");
}
