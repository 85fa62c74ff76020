namespace KB.Web.Features.Knowledge;

public enum ArticleCategory
{
    Cause,
    Diagnostic,
    Resolution,
    Prevention,
}

public static class ArticleCategories
{
    public static IReadOnlyList<ArticleCategory> All { get; } = Enum.GetValues<ArticleCategory>();

    /// <summary>The word used in front matter, URLs and the API: cause, diagnostic, resolution, prevention.</summary>
    public static string Key(this ArticleCategory category) => category.ToString().ToLowerInvariant();

    public static string PluralTitle(this ArticleCategory category) => category switch
    {
        ArticleCategory.Cause => "Causes",
        ArticleCategory.Diagnostic => "Diagnostics",
        ArticleCategory.Resolution => "Resolutions",
        ArticleCategory.Prevention => "Prevention",
        _ => category.ToString(),
    };

    public static string Description(this ArticleCategory category) => category switch
    {
        ArticleCategory.Cause => "What makes a proxy answer 502, and how each cause shows up in its logs.",
        ArticleCategory.Diagnostic => "Commands and log reading that tell the causes apart.",
        ArticleCategory.Resolution => "Changes that make the 502s stop.",
        ArticleCategory.Prevention => "Habits that keep them from coming back.",
        _ => "",
    };

    /// <summary>The content sub-folder an article of this category lives in.</summary>
    public static string Folder(this ArticleCategory category) => category switch
    {
        ArticleCategory.Cause => "causes",
        ArticleCategory.Diagnostic => "diagnostics",
        ArticleCategory.Resolution => "resolutions",
        ArticleCategory.Prevention => "prevention",
        _ => category.ToString(),
    };

    public static bool TryParse(string? key, out ArticleCategory category)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(candidate.Key(), key?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                category = candidate;
                return true;
            }
        }
        category = default;
        return false;
    }
}
