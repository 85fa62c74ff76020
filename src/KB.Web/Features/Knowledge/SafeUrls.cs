using System.Text.RegularExpressions;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace KB.Web.Features.Knowledge;

/// <summary>Removes links and images whose URL is not http, https, mailto or relative.</summary>
internal static partial class SafeUrls
{
    private static readonly string[] AllowedSchemes = ["http", "https", "mailto"];

    public static void Apply(MarkdownDocument document)
    {
        foreach (var link in document.Descendants<LinkInline>().ToList())
        {
            if (IsAllowed(link.Url))
            {
                continue;
            }
            if (link.IsImage)
            {
                // Without copyChildren the alt text inlines are not appended after the literal a second time.
                link.ReplaceBy(new LiteralInline(link.Title ?? AltText(link)), copyChildren: false);
            }
            else
            {
                Unwrap(link);
            }
        }
        foreach (var autolink in document.Descendants<AutolinkInline>().ToList())
        {
            if (!IsAllowed(autolink.Url))
            {
                autolink.ReplaceBy(new LiteralInline(autolink.Url));
            }
        }
    }

    public static bool IsAllowed(string? url)
    {
        if (string.IsNullOrEmpty(url))
        {
            return true;
        }
        // Browsers ignore control characters and whitespace inside a scheme ("java\tscript:"), so compare without them.
        var compact = new string(url.Where(c => c > ' ' && !char.IsControl(c)).ToArray());
        var scheme = SchemePattern().Match(compact);
        return !scheme.Success || AllowedSchemes.Contains(scheme.Groups[1].Value, StringComparer.OrdinalIgnoreCase);
    }

    private static string AltText(LinkInline image) =>
        string.Concat(image.Descendants<LiteralInline>().Select(literal => literal.Content.ToString()));

    /// <summary>
    /// Puts the link's text in its place. Markdig's <c>InsertBefore</c> leaves the inserted inline without its previous
    /// sibling, so a later <c>Remove</c> or <c>ReplaceBy</c> of it (an image inside the link, after a task list marker)
    /// silently fails and the image kept its javascript: URL; <c>InsertAfter</c> links both ways.
    /// </summary>
    private static void Unwrap(LinkInline link)
    {
        Inline previous = link;
        foreach (var child in link.ToList())
        {
            child.Remove();
            previous.InsertAfter(child);
            previous = child;
        }
        link.Remove();
    }

    [GeneratedRegex(@"^([a-zA-Z][a-zA-Z0-9+.\-]*):")]
    private static partial Regex SchemePattern();
}
