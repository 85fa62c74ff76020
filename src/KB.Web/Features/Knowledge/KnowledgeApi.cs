namespace KB.Web.Features.Knowledge;

public static class KnowledgeApi
{
    public static IEndpointRouteBuilder MapKnowledgeApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api");

        api.MapGet("/search", async (string? q, int? limit, string? category, string? tag, SearchIndex index, CancellationToken cancellationToken) =>
        {
            var filter = new SearchFilter(ArticleCategories.TryParse(category, out var parsed) ? parsed : null, tag);
            return await index.SearchAsync(q, filter, limit ?? 10, cancellationToken);
        });

        api.MapGet("/articles", (string? category, KnowledgeBase knowledgeBase) =>
            knowledgeBase.Current.Articles
                .Where(article => category is null || article.Category.Key() == category.Trim().ToLowerInvariant())
                .Select(article => new ArticleListItem(article.Slug, article.Title, article.Category.Key(), article.Tags, article.Summary)));

        return endpoints;
    }

    private sealed record ArticleListItem(string Slug, string Title, string Category, IReadOnlyList<string> Tags, string Summary);
}
