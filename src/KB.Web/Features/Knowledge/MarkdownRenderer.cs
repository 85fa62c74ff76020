using Markdig;
using Markdig.Extensions.TaskLists;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace KB.Web.Features.Knowledge;

/// <summary>
/// The one Markdown pipeline of the app. Raw HTML is rendered as text, and link and image URLs other than
/// http, https, mailto and relative ones are dropped, so Markdown from any author cannot run script.
/// </summary>
public static class MarkdownRenderer
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UseYamlFrontMatter()
        .UsePipeTables()
        .UseTaskLists()
        .UseAutoIdentifiers(Markdig.Extensions.AutoIdentifiers.AutoIdentifierOptions.GitHub)
        .UseAutoLinks()
        .UseEmphasisExtras()
        .DisableHtml()
        .Build();

    public static RenderedMarkdown Render(string markdown)
    {
        try
        {
            return RenderDocument(markdown);
        }
        catch (ArgumentException)
        {
            // Markdig refuses text nested past its depth limit and chokes on some unpaired surrogates: such text is
            // no sensible article, and is shown as it was written rather than failing the page.
            var text = markdown.Replace('\0', '\uFFFD');
            return new RenderedMarkdown($"<pre>{System.Net.WebUtility.HtmlEncode(text)}</pre>", text, [], []);
        }
    }

    private static RenderedMarkdown RenderDocument(string markdown)
    {
        var document = Markdown.Parse(markdown, Pipeline);
        SafeUrls.Apply(document);

        using var html = new StringWriter();
        var renderer = new HtmlRenderer(html);
        Pipeline.Setup(renderer);
        renderer.ObjectRenderers.Replace<CodeBlockRenderer>(new CopyableCodeBlockRenderer());
        renderer.Render(document);

        using var plain = new StringWriter();
        var plainRenderer = new HtmlRenderer(plain) { EnableHtmlForBlock = false, EnableHtmlForInline = false, EnableHtmlEscape = false };
        Pipeline.Setup(plainRenderer);
        plainRenderer.Render(document);

        return new RenderedMarkdown(html.ToString(), plain.ToString(), Outline(document), Checklist(document, markdown));
    }

    /// <summary>Renders short Markdown (a checklist step) as inline HTML through the same safe pipeline.</summary>
    public static string RenderInline(string markdown)
    {
        var html = Render(markdown).Html.Trim();
        return html.StartsWith("<p>", StringComparison.Ordinal) && html.EndsWith("</p>", StringComparison.Ordinal)
            ? html[3..^4]
            : html;
    }

    private static List<OutlineHeading> Outline(MarkdownDocument document) =>
        document.Descendants<HeadingBlock>()
            .Where(heading => heading.Level is 2 or 3 && heading.GetAttributes().Id is not null)
            .Select(heading => new OutlineHeading(heading.Level, heading.GetAttributes().Id!, InlineText(heading.Inline)))
            .ToList();

    /// <summary>The task list under the "## Checklist" heading, each step as its Markdown source.</summary>
    private static List<string> Checklist(MarkdownDocument document, string markdown)
    {
        var steps = new List<string>();
        for (var i = 0; i < document.Count; i++)
        {
            if (document[i] is not HeadingBlock { Level: 2 } heading
                || !string.Equals(InlineText(heading.Inline).Trim(), "Checklist", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }
            for (var j = i + 1; j < document.Count && document[j] is not HeadingBlock { Level: <= 2 }; j++)
            {
                if (document[j] is not ListBlock list)
                {
                    continue;
                }
                foreach (var item in list.OfType<ListItemBlock>())
                {
                    if (item.FirstOrDefault() is ParagraphBlock { Inline.FirstChild: TaskList } paragraph)
                    {
                        var source = markdown.Substring(paragraph.Span.Start, paragraph.Span.Length);
                        steps.Add(StripTaskMarker(source));
                    }
                }
            }
            break;
        }
        return steps;
    }

    private static string StripTaskMarker(string source)
    {
        var text = source.TrimStart();
        var close = text.IndexOf(']');
        return (text.StartsWith('[') && close is > 0 and < 4 ? text[(close + 1)..] : text).Trim().ReplaceLineEndings(" ");
    }

    private static string InlineText(ContainerInline? inline)
    {
        if (inline is null)
        {
            return "";
        }
        var text = new System.Text.StringBuilder();
        foreach (var node in inline.Descendants())
        {
            switch (node)
            {
                case LiteralInline literal:
                    text.Append(literal.Content);
                    break;
                case CodeInline code:
                    text.Append(code.Content);
                    break;
            }
        }
        return text.ToString();
    }

    /// <summary>Wraps every code block with a copy button; a delegated click handler in app.js does the copying.</summary>
    private sealed class CopyableCodeBlockRenderer : CodeBlockRenderer
    {
        protected override void Write(HtmlRenderer renderer, CodeBlock obj)
        {
            if (!renderer.EnableHtmlForBlock)
            {
                base.Write(renderer, obj);
                return;
            }
            renderer.EnsureLine();
            renderer.Write("<div class=\"code-block\"><button type=\"button\" class=\"copy-button\" aria-label=\"Copy code\">Copy</button>");
            base.Write(renderer, obj);
            renderer.WriteLine("</div>");
        }
    }
}

public sealed record RenderedMarkdown(string Html, string PlainText, IReadOnlyList<OutlineHeading> Outline, IReadOnlyList<string> Checklist);
