namespace KB.Web.Features.Knowledge;

/// <summary>Where the Markdown articles are: <c>KB:ContentPath</c>, or else the nearest <c>content/</c> folder up from the app.</summary>
public sealed class ContentFolder(string path)
{
    public string Path { get; } = path;

    public static ContentFolder Resolve(IConfiguration configuration, IHostEnvironment environment)
    {
        var configured = configuration["KB:ContentPath"];
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return new ContentFolder(System.IO.Path.GetFullPath(configured, environment.ContentRootPath));
        }
        foreach (var start in new[] { environment.ContentRootPath, AppContext.BaseDirectory })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                var candidate = System.IO.Path.Combine(directory.FullName, "content");
                if (ArticleCategories.All.Any(category => Directory.Exists(System.IO.Path.Combine(candidate, category.Folder()))))
                {
                    return new ContentFolder(candidate);
                }
            }
        }
        return new ContentFolder(System.IO.Path.Combine(environment.ContentRootPath, "content"));
    }
}
