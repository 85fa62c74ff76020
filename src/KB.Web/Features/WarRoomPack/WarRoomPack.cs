using KB.Web.Features.Incidents;
using KB.Web.Features.Knowledge;

namespace KB.Web.Features.WarRoomPack;

/// <summary>An article as the pack shows it: its HTML rewritten to read inside the file.</summary>
public sealed record PackedArticle(Article Article, string Html)
{
    public string Anchor => PackHtml.Anchor(Article.Slug);
}

/// <summary>One checklist step of an incident as the pack shows it: its text as HTML, and the commands it asks for.</summary>
public sealed record PackedStep(ChecklistItem Item, string Html, IReadOnlyList<string> Commands, bool FixedIt);

/// <summary>
/// Everything a responder needs when 502 Desk is out of reach: an incident (or none, for an article's pack) with its
/// filled checklist as ticked now, the cause article, and the diagnostics it links to.
/// </summary>
public sealed record WarRoomPack(
    string Title,
    string FileName,
    Uri App,
    DateTime MadeAt,
    Incident? Incident,
    string? MissingCause,
    IReadOnlyList<PackedStep> Steps,
    PackedArticle? Main,
    IReadOnlyList<PackedArticle> Diagnostics)
{
    public static WarRoomPack ForIncident(Incident incident, ArticleCatalog catalog, Uri app, DateTime madeAt)
    {
        var cause = incident.Cause is null ? null : catalog.Find(incident.Cause);
        var diagnostics = cause is null ? [] : DiagnosticsOf(cause, catalog, app);
        var html = new PackHtml(app, Slugs(cause, diagnostics));
        var stepSlug = cause?.Slug ?? incident.Cause ?? "";
        var steps = incident.Checklist.OrderBy(item => item.Position)
            .Select(item => new PackedStep(item, html.Rewrite(MarkdownRenderer.RenderInline(item.Text), stepSlug), StepCommands.In(item.Text), item.Id == incident.FixedByStep))
            .ToList();
        return new WarRoomPack(
            Title: $"#{incident.Id} {incident.Title}",
            FileName: $"incident-{incident.Id}-war-room.html",
            App: app,
            MadeAt: madeAt,
            Incident: incident,
            MissingCause: cause is null ? incident.Cause : null,
            Steps: steps,
            Main: cause is null ? null : new PackedArticle(cause, html.Rewrite(cause.Html, cause.Slug, withoutChecklist: true)),
            Diagnostics: Packed(diagnostics, html));
    }

    public static WarRoomPack ForArticle(Article article, ArticleCatalog catalog, Uri app, DateTime madeAt)
    {
        var diagnostics = DiagnosticsOf(article, catalog, app);
        var html = new PackHtml(app, Slugs(article, diagnostics));
        return new WarRoomPack(
            Title: article.Title,
            FileName: $"{article.Slug}-war-room.html",
            App: app,
            MadeAt: madeAt,
            Incident: null,
            MissingCause: null,
            Steps: [],
            Main: new PackedArticle(article, html.Rewrite(article.Html, article.Slug)),
            Diagnostics: Packed(diagnostics, html));
    }

    /// <summary>The diagnostic articles an article names as related or links to in its text, in that order.</summary>
    private static List<Article> DiagnosticsOf(Article article, ArticleCatalog catalog, Uri app) =>
        article.Related.Concat(new PackHtml(app, new HashSet<string>()).LinkedSlugs(article.Html, article.Slug))
            .Select(catalog.Find)
            .OfType<Article>()
            .Where(linked => linked.Category == ArticleCategory.Diagnostic && linked.Slug != article.Slug)
            .DistinctBy(linked => linked.Slug)
            .ToList();

    private static HashSet<string> Slugs(Article? main, IEnumerable<Article> diagnostics) =>
        diagnostics.Prepend(main).OfType<Article>().Select(article => article.Slug).ToHashSet(StringComparer.OrdinalIgnoreCase);

    private static List<PackedArticle> Packed(IEnumerable<Article> articles, PackHtml html) =>
        articles.Select(article => new PackedArticle(article, html.Rewrite(article.Html, article.Slug))).ToList();
}
