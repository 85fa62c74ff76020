using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using KB.Web.Features.Triage.Runbook;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace KB.Web.Features.Knowledge;

/// <summary>Turns one Markdown file with YAML front matter into an <see cref="Article"/>, or says why it cannot.</summary>
public static partial class ArticleParser
{
    public const int MaxFileBytes = 512 * 1024;

    /// <summary>Emitters a log signature may name: the proxies, load balancers and app servers 502 Desk knows.</summary>
    public static IReadOnlySet<string> KnownEmitters { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "nginx", "ingress-nginx", "haproxy", "envoy", "traefik", "caddy", "apache", "iis", "aws-alb", "gcp-lb",
        "cloudflare", "php-fpm", "gunicorn", "uwsgi", "node", "go", "kubernetes", "kernel", "generic",
    };

    private static readonly IDeserializer Yaml = new DeserializerBuilder()
        .WithNamingConvention(CamelCaseNamingConvention.Instance)
        .IgnoreUnmatchedProperties()
        .Build();

    /// <param name="text">The file's text.</param>
    /// <param name="relativePath">The path inside the content folder, with forward slashes (e.g. causes/dns-resolution.md).</param>
    public static ArticleParseResult Parse(string text, string relativePath)
    {
        var problems = new List<string>();
        var frontMatterText = FrontMatterText(text);
        if (frontMatterText is null)
        {
            return ArticleParseResult.Failed("The file does not start with front matter between two '---' lines.");
        }

        FrontMatter? frontMatter;
        try
        {
            frontMatter = Yaml.Deserialize<FrontMatter>(frontMatterText);
        }
        catch (YamlException ex)
        {
            return ArticleParseResult.Failed($"The front matter is not valid YAML (line {ex.Start.Line}): {InnermostMessage(ex)}");
        }
        if (frontMatter is null)
        {
            return ArticleParseResult.Failed("The front matter is empty.");
        }

        var fileSlug = Path.GetFileNameWithoutExtension(relativePath);
        var slug = string.IsNullOrWhiteSpace(frontMatter.Slug) ? fileSlug : frontMatter.Slug.Trim();
        if (!SlugPattern().IsMatch(slug))
        {
            problems.Add($"The slug '{slug}' is not lowercase words joined by hyphens.");
        }
        else if (slug != fileSlug)
        {
            problems.Add($"The slug '{slug}' does not match the file name '{fileSlug}.md'.");
        }
        if (string.IsNullOrWhiteSpace(frontMatter.Title))
        {
            problems.Add("The front matter has no title.");
        }

        if (!ArticleCategories.TryParse(frontMatter.Category, out var category))
        {
            problems.Add($"The category '{frontMatter.Category}' is not one of cause, diagnostic, resolution, prevention.");
        }
        else
        {
            var folder = relativePath.Contains('/') ? relativePath[..relativePath.IndexOf('/')] : "";
            if (folder != category.Folder())
            {
                problems.Add($"A {category.Key()} article belongs in the folder '{category.Folder()}/', not '{folder}/'.");
            }
        }

        var signatures = new List<LogSignature>();
        foreach (var signature in frontMatter.Signatures ?? [])
        {
            // A bare "-" in the YAML list is an entry with nothing in it.
            if (signature is null)
            {
                problems.Add("A signature entry is empty: give it an emitter and a pattern.");
                continue;
            }
            if (string.IsNullOrWhiteSpace(signature.Emitter) || !KnownEmitters.Contains(signature.Emitter))
            {
                problems.Add($"The signature emitter '{signature.Emitter}' is not one of {string.Join(", ", KnownEmitters.Order())}.");
                continue;
            }
            if (string.IsNullOrWhiteSpace(signature.Pattern))
            {
                problems.Add($"A {signature.Emitter} signature has no pattern.");
                continue;
            }
            if (PatternError(signature.Pattern) is { } error)
            {
                problems.Add($"The {signature.Emitter} signature pattern '{signature.Pattern}' is not a valid regular expression: {error}");
                continue;
            }
            signatures.Add(new LogSignature(signature.Emitter.Trim().ToLowerInvariant(), signature.Pattern));
        }

        var tellApart = new List<TellApartCheck>();
        foreach (var entry in frontMatter.TellApart ?? [])
        {
            if (entry is null)
            {
                problems.Add("A tell_apart entry is empty: give it from, check and reading.");
                continue;
            }
            var from = entry.From?.Trim() ?? "";
            if (!SlugPattern().IsMatch(from))
            {
                problems.Add($"A tell_apart entry's from '{entry.From}' is not a cause slug (lowercase words joined by hyphens).");
                continue;
            }
            if (from == slug)
            {
                problems.Add($"A tell_apart entry compares the cause with itself ('{from}'): name the other cause.");
                continue;
            }
            if (string.IsNullOrWhiteSpace(entry.Check) || string.IsNullOrWhiteSpace(entry.Reading))
            {
                problems.Add($"The tell_apart entry from '{from}' needs both a check (the command) and a reading (what its outcome means).");
                continue;
            }
            tellApart.Add(new TellApartCheck(from, entry.Check.Trim(), entry.Reading.Trim()));
        }
        if (tellApart.Count > 0 && category != ArticleCategory.Cause)
        {
            problems.Add("Only a cause article can have tell_apart checks.");
        }

        if (problems.Count > 0)
        {
            return ArticleParseResult.Failed(problems.ToArray());
        }

        // Checklist commands may mark values to fill from a paste, {{name:example}}: readers see the example, and
        // the checklist keeps the marks so an incident linked to the cause fills them from its own error log.
        var shown = RunbookFiller.Example(text);
        var rendered = MarkdownRenderer.Render(shown);
        var checklist = shown == text ? rendered.Checklist : MarkdownRenderer.Render(text).Checklist;
        var article = new Article(
            Slug: slug,
            Title: frontMatter.Title!.Trim(),
            Category: category,
            Tags: (frontMatter.Tags ?? []).Where(tag => !string.IsNullOrWhiteSpace(tag)).Select(tag => tag.Trim().ToLowerInvariant()).Distinct().ToList(),
            Summary: frontMatter.Summary?.Trim() ?? "",
            Signatures: signatures,
            Related: (frontMatter.Related ?? []).Where(related => !string.IsNullOrWhiteSpace(related)).Select(related => related.Trim()).Distinct().ToList(),
            Html: rendered.Html,
            PlainText: rendered.PlainText,
            Outline: rendered.Outline,
            Checklist: checklist,
            SourcePath: relativePath,
            Revision: Fingerprint(text)[..12])
        {
            TellApart = tellApart,
        };
        return ArticleParseResult.Parsed(article);
    }

    /// <summary>The SHA-256 of an article's text: it changes whenever the text does.</summary>
    public static string Fingerprint(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>Signatures are matched case-insensitively, with a time limit so that no pattern can hang triage.</summary>
    public static Regex CompileSignature(string pattern) =>
        new(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));

    private static string? PatternError(string pattern)
    {
        try
        {
            CompileSignature(pattern);
            return null;
        }
        catch (ArgumentException ex)
        {
            return ex.Message;
        }
    }

    private static string? FrontMatterText(string text)
    {
        var match = FrontMatterPattern().Match(text);
        return match.Success ? match.Groups[1].Value : null;
    }

    private static string InnermostMessage(Exception ex) => ex.InnerException is null ? ex.Message : InnermostMessage(ex.InnerException);

    [GeneratedRegex(@"\A\uFEFF?---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(\r?\n|\z)", RegexOptions.Singleline)]
    private static partial Regex FrontMatterPattern();

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex SlugPattern();

    private sealed class FrontMatter
    {
        public string? Slug { get; set; }
        public string? Title { get; set; }
        public string? Category { get; set; }
        public List<string>? Tags { get; set; }
        public string? Summary { get; set; }
        public List<SignatureEntry>? Signatures { get; set; }
        public List<string>? Related { get; set; }

        [YamlMember(Alias = "tell_apart", ApplyNamingConventions = false)]
        public List<TellApartEntry>? TellApart { get; set; }
    }

    private sealed class TellApartEntry
    {
        public string? From { get; set; }
        public string? Check { get; set; }
        public string? Reading { get; set; }
    }

    private sealed class SignatureEntry
    {
        public string? Emitter { get; set; }
        public string? Pattern { get; set; }
    }
}

public sealed record ArticleParseResult(Article? Article, IReadOnlyList<string> Errors)
{
    public static ArticleParseResult Parsed(Article article) => new(article, []);

    public static ArticleParseResult Failed(params string[] errors) => new(null, errors);
}
