using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace KB.Web.Features.WarRoomPack;

/// <summary>
/// Makes HTML from the Markdown pipeline read inside one offline file. Links to an article in the pack become anchors
/// in the file; other links into the app stay, absolute and marked as needing 502 Desk; links elsewhere become their
/// text and address, images their alt text, so opening the file fetches nothing. Heading ids get the article's prefix
/// so several articles live in one file without clashing.
/// </summary>
public sealed class PackHtml(Uri app, HashSet<string> packed)
{
    public const string AppLinkClass = "app-link";

    private static readonly HtmlParser Parser = new();

    /// <summary>The id of an article's section in the file.</summary>
    public static string Anchor(string slug) => $"article-{slug}";

    /// <summary>The slugs of the articles a piece of HTML links to, in the order it links to them.</summary>
    public IReadOnlyList<string> LinkedSlugs(string html, string fromSlug)
    {
        var body = Parse(html);
        return body.QuerySelectorAll("a[href]")
            .Select(link => ArticleSlug(Resolve(link.GetAttribute("href")!, fromSlug)))
            .OfType<string>()
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
    }

    /// <summary>
    /// The HTML of an article (or of a step taken from it) as the file shows it. <paramref name="withoutChecklist"/>
    /// drops the article's "Checklist" section, for a file that shows the incident's own filled checklist instead.
    /// </summary>
    public string Rewrite(string html, string slug, bool withoutChecklist = false)
    {
        var body = Parse(html);
        if (withoutChecklist)
        {
            RemoveChecklistSection(body);
        }
        foreach (var copy in body.QuerySelectorAll("button.copy-button").ToList())
        {
            copy.Remove();
        }
        foreach (var element in body.QuerySelectorAll("[id]"))
        {
            element.Id = $"{Anchor(slug)}--{element.Id}";
        }
        foreach (var image in body.QuerySelectorAll("img").ToList())
        {
            var alt = image.GetAttribute("alt");
            image.Replace(body.Owner!.CreateTextNode(string.IsNullOrWhiteSpace(alt) ? "[image]" : $"[image: {alt}]"));
        }
        foreach (var link in body.QuerySelectorAll("a[href]").ToList())
        {
            RewriteLink(link, slug);
        }
        return body.InnerHtml;
    }

    private void RewriteLink(IElement link, string slug)
    {
        var href = link.GetAttribute("href")!;
        if (href.StartsWith('#'))
        {
            link.SetAttribute("href", href.Length == 1 ? $"#{Anchor(slug)}" : $"#{Anchor(slug)}--{href[1..]}");
            return;
        }
        var target = Resolve(href, slug);
        if (target is not null && ArticleSlug(target) is { } slugInLink && packed.TryGetValue(slugInLink, out var linked))
        {
            var fragment = target.Fragment.TrimStart('#');
            link.SetAttribute("href", fragment.Length == 0 ? $"#{Anchor(linked)}" : $"#{Anchor(linked)}--{fragment}");
            return;
        }
        if (target is not null && IsApp(target))
        {
            link.SetAttribute("href", target.AbsoluteUri);
            link.ClassList.Add(AppLinkClass);
            link.SetAttribute("title", "Opens 502 Desk: needs the network");
            return;
        }
        var text = link.TextContent;
        var written = text == href || string.IsNullOrWhiteSpace(text) ? href : $"{text} ({href})";
        link.Replace(link.Owner!.CreateTextNode(written));
    }

    private Uri? Resolve(string href, string slug) =>
        Uri.TryCreate(new Uri(app, $"kb/{slug}"), href, out var target) ? target : null;

    private bool IsApp(Uri target) =>
        target.Scheme is "http" or "https" && Uri.Compare(target, app, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0;

    /// <summary>The slug of the app's article page a URL points to (<c>/kb/{slug}</c>), or null.</summary>
    private string? ArticleSlug(Uri? target)
    {
        if (target is null || !IsApp(target))
        {
            return null;
        }
        var segments = target.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return segments is ["kb", var slug] ? Uri.UnescapeDataString(slug) : null;
    }

    private static void RemoveChecklistSection(IElement body)
    {
        var heading = body.Children.FirstOrDefault(element => element.LocalName == "h2"
            && string.Equals(element.TextContent.Trim(), "Checklist", StringComparison.OrdinalIgnoreCase));
        while (heading?.NextElementSibling is { LocalName: not ("h1" or "h2") } next)
        {
            next.Remove();
        }
        heading?.Remove();
    }

    private static IElement Parse(string html)
    {
        var document = Parser.ParseDocument("");
        document.Body!.InnerHtml = html;
        return document.Body;
    }
}
