using System.Diagnostics;

namespace KB.Web.Features.Knowledge;

/// <summary>
/// Holds the current snapshot of the content folder and keeps the search index in step with it.
/// A file that fails to load is listed as a problem and left out; it never stops the app.
/// </summary>
public sealed class KnowledgeBase(ContentFolder folder, SearchIndex searchIndex, ILogger<KnowledgeBase> logger)
{
    private readonly SemaphoreSlim _reloading = new(1, 1);

    public ArticleCatalog Current { get; private set; } = ArticleCatalog.Empty;

    public string ContentPath => folder.Path;

    /// <summary>When the latest successful reload began reading the folder (a <see cref="Stopwatch"/> timestamp): it saw every change made before then.</summary>
    public long LastReadStartedAt { get; private set; }

    public async Task ReloadAsync(CancellationToken cancellationToken = default)
    {
        await _reloading.WaitAsync(cancellationToken);
        try
        {
            var readStartedAt = Stopwatch.GetTimestamp();
            var catalog = await LoadAsync(cancellationToken);
            await searchIndex.RebuildAsync(catalog.Articles, cancellationToken);
            Current = catalog;
            LastReadStartedAt = readStartedAt;
            logger.LogInformation("Loaded {Count} articles from {Path} ({Problems} problems)", catalog.Articles.Count, folder.Path, catalog.Problems.Count);
        }
        finally
        {
            _reloading.Release();
        }
    }

    private async Task<ArticleCatalog> LoadAsync(CancellationToken cancellationToken)
    {
        if (!Directory.Exists(folder.Path))
        {
            return new ArticleCatalog([], [new ContentProblem(folder.Path, "The content folder does not exist, so the knowledge base is empty.", IsError: true)]);
        }

        var articles = new List<Article>();
        var problems = new List<ContentProblem>();
        var files = Directory.EnumerateFiles(folder.Path, "*.md", SearchOption.AllDirectories).Order(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var relativePath = Path.GetRelativePath(folder.Path, file).Replace('\\', '/');
            var text = await ReadAsync(file, relativePath, problems, cancellationToken);
            if (text is null)
            {
                continue;
            }
            var result = ArticleParser.Parse(text, relativePath);
            if (result.Article is not { } article)
            {
                problems.AddRange(result.Errors.Select(error => new ContentProblem(relativePath, error, IsError: true)));
            }
            else if (articles.FirstOrDefault(other => other.Slug == article.Slug) is { } first)
            {
                problems.Add(new ContentProblem(relativePath, $"The slug '{article.Slug}' is already used by {first.SourcePath}.", IsError: true));
            }
            else
            {
                articles.Add(article);
            }
        }

        var slugs = articles.Select(article => article.Slug).ToHashSet();
        var causes = articles.Where(article => article.Category == ArticleCategory.Cause).Select(article => article.Slug).ToHashSet();
        foreach (var article in articles)
        {
            problems.AddRange(article.Related.Where(related => !slugs.Contains(related))
                .Select(related => new ContentProblem(article.SourcePath, $"The related article '{related}' does not exist.", IsError: false)));
            problems.AddRange(article.TellApart.Where(check => !causes.Contains(check.From))
                .Select(check => new ContentProblem(article.SourcePath, $"The tell_apart check from '{check.From}' names no cause article.", IsError: false)));
            if (article.Category == ArticleCategory.Cause && article.Checklist.Count < 4)
            {
                problems.Add(new ContentProblem(article.SourcePath, $"A cause needs a '## Checklist' of at least 4 steps; this one has {article.Checklist.Count}.", IsError: false));
            }
        }
        return new ArticleCatalog(articles, problems);
    }

    private async Task<string?> ReadAsync(string file, string relativePath, List<ContentProblem> problems, CancellationToken cancellationToken)
    {
        try
        {
            if (new FileInfo(file).Length > ArticleParser.MaxFileBytes)
            {
                problems.Add(new ContentProblem(relativePath, $"The file is larger than {ArticleParser.MaxFileBytes / 1024} KB.", IsError: true));
                return null;
            }
            return await File.ReadAllTextAsync(file, cancellationToken);
        }
        catch (IOException ex)
        {
            problems.Add(new ContentProblem(relativePath, $"The file could not be read: {ex.Message}", IsError: true));
        }
        catch (UnauthorizedAccessException ex)
        {
            problems.Add(new ContentProblem(relativePath, $"The file could not be read: {ex.Message}", IsError: true));
        }
        return null;
    }
}
