using KB.Web.Features.Knowledge;

namespace KB.Web.Features.Evidence;

/// <summary>
/// Whether an article is still known to work. Only cause articles are verified: an incident is linked to a cause and
/// its fixing step is a step of that cause's checklist. Diagnostics, resolutions and prevention articles are not
/// tracked, so they are never stale.
/// </summary>
public sealed class ArticleFreshness(ArticleSettings settings, TimeProvider clock)
{
    public int StaleAfterDays => settings.StaleAfterDays;

    public DateTime Now => clock.GetUtcNow().UtcDateTime;

    public static bool IsTracked(Article article) => article.Category == ArticleCategory.Cause;

    public Freshness Of(Article article, Verification? last) =>
        !IsTracked(article) ? Freshness.Untracked
        : new Freshness(true, last, last is null || Now - last.At > TimeSpan.FromDays(StaleAfterDays));
}

/// <summary>An article's verification: whether it is tracked at all, the last incident that verified it, and whether that is too long ago.</summary>
public sealed record Freshness(bool Tracked, Verification? LastVerified, bool IsStale)
{
    public static Freshness Untracked { get; } = new(false, null, false);
}

/// <summary><c>KB:Articles</c>: how many days without a verifying incident make a cause article stale.</summary>
public sealed class ArticleSettings
{
    public const int DefaultStaleAfterDays = 180;

    public int StaleAfterDays { get; set; } = DefaultStaleAfterDays;
}
