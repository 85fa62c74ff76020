using KB.Web.Features.Knowledge;

namespace KB.Benchmarks;

/// <summary>The shipped articles, and larger knowledge bases made by repeating them under new slugs.</summary>
public static class Corpus
{
    public static string ContentPath { get; } = FindContent();

    public static IReadOnlyList<(string Path, string Text)> Files { get; } =
        Directory.EnumerateFiles(ContentPath, "*.md", SearchOption.AllDirectories)
            .Select(file => (Path.GetRelativePath(ContentPath, file).Replace('\\', '/'), File.ReadAllText(file)))
            .ToList();

    public static IReadOnlyList<Article> Shipped { get; } =
        Files.Select(file => ArticleParser.Parse(file.Text, file.Path).Article).OfType<Article>().ToList();

    public static IReadOnlyList<Article> Repeated(int count) =>
        Enumerable.Range(0, count)
            .Select(i => Shipped[i % Shipped.Count] is var article && i < Shipped.Count ? article : article with { Slug = $"{article.Slug}-{i}" })
            .ToList();

    private static string FindContent()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "content");
            if (File.Exists(Path.Combine(directory.FullName, "KB.sln")) && Directory.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new InvalidOperationException("content/ not found above " + AppContext.BaseDirectory);
    }
}
