using KB.Web.Features.Accounts;
using KB.Web.Features.Reviews;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace KB.Web.Features.Editing;

public static class EditingFeature
{
    public static IServiceCollection AddEditing(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ArticleCreator>();
        services.AddSingleton<ArticleEditor>();
        services.AddSingleton<ArticleReviews>();
        return services;
    }

    public static IEndpointRouteBuilder MapEditingApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/articles/preview", Preview).RequireAuthorization(policy => policy.RequireRole(Roles.Editor));
        return endpoints;
    }

    private static Results<Ok<ArticlePreview>, NotFound> Preview(PreviewRequest request, ArticleEditor editor) =>
        editor.Preview(request.Slug, request.Text) is { } preview ? TypedResults.Ok(preview) : TypedResults.NotFound();

    private sealed record PreviewRequest(string Slug, string Text);
}
