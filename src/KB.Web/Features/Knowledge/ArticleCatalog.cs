namespace KB.Web.Features.Knowledge;

/// <summary>An immutable snapshot of the content folder: the articles that loaded and the problems found.</summary>
public sealed class ArticleCatalog
{
    private readonly Dictionary<string, Article> _bySlug;

    public ArticleCatalog(IReadOnlyList<Article> articles, IReadOnlyList<ContentProblem> problems)
    {
        Articles = articles.OrderBy(article => article.Category).ThenBy(article => article.Title, StringComparer.OrdinalIgnoreCase).ToList();
        Problems = problems;
        _bySlug = Articles.ToDictionary(article => article.Slug, StringComparer.OrdinalIgnoreCase);
        Tags = Articles.SelectMany(article => article.Tags).Distinct().Order(StringComparer.Ordinal).ToList();
    }

    public static ArticleCatalog Empty { get; } = new([], []);

    public IReadOnlyList<Article> Articles { get; }

    public IReadOnlyList<ContentProblem> Problems { get; }

    public IReadOnlyList<string> Tags { get; }

    public Article? Find(string slug) => _bySlug.GetValueOrDefault(slug);

    public IEnumerable<Article> InCategory(ArticleCategory category) => Articles.Where(article => article.Category == category);

    /// <summary>The related articles that exist, in the order the article lists them.</summary>
    public IReadOnlyList<Article> RelatedTo(Article article) =>
        article.Related.Select(Find).OfType<Article>().Where(related => related.Slug != article.Slug).ToList();
}

/// <summary>Something wrong with a content file. An error keeps the article out; a warning does not.</summary>
public sealed record ContentProblem(string Path, string Message, bool IsError)
{
    /// <summary>The slug of the article in the file (its file name), or null when the file is not a Markdown article.</summary>
    public string? ArticleSlug => Path.EndsWith(".md", StringComparison.Ordinal) ? System.IO.Path.GetFileNameWithoutExtension(Path) : null;
}
