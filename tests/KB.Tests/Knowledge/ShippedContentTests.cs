using System.Text.RegularExpressions;
using KB.Web.Features.Knowledge;

namespace KB.Tests.Knowledge;

/// <summary>Every file in content/ is a valid article, and the knowledge base covers what it promises.</summary>
public class ShippedContentTests
{
    private static readonly string[] CauseSlugs =
    [
        "upstream-down", "upstream-timeout", "connection-reset", "dns-resolution", "tls-upstream", "header-too-large",
        "invalid-response", "socket-permission", "resource-exhaustion", "firewall-blocked", "network-unreachable",
        "misconfiguration", "application-crash",
    ];

    private static readonly Lazy<List<(string Path, ArticleParseResult Result)>> Parsed = new(() =>
        Directory.EnumerateFiles(TestPaths.ShippedContent, "*.md", SearchOption.AllDirectories)
            .Select(file => Path.GetRelativePath(TestPaths.ShippedContent, file).Replace('\\', '/'))
            .Select(path => (path, ArticleParser.Parse(File.ReadAllText(Path.Combine(TestPaths.ShippedContent, path)), path)))
            .ToList());

    private static List<Article> All => Parsed.Value.Select(entry => entry.Result.Article).OfType<Article>().ToList();

    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(TestPaths.ShippedContent, "*.md", SearchOption.AllDirectories).Order())
        {
            data.Add(Path.GetRelativePath(TestPaths.ShippedContent, file).Replace('\\', '/'));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Each_file_parses(string path)
    {
        var result = Parsed.Value.Single(entry => entry.Path == path).Result;

        Assert.True(result.Article is not null, $"{path}: {string.Join("; ", result.Errors)}");
        Assert.False(string.IsNullOrWhiteSpace(result.Article.Summary), $"{path} has no summary");
        Assert.NotEmpty(result.Article.Tags);
    }

    [Fact]
    public void Slugs_are_unique()
    {
        var duplicates = All.GroupBy(article => article.Slug).Where(group => group.Count() > 1).Select(group => group.Key);

        Assert.Empty(duplicates);
    }

    [Fact]
    public void Related_links_resolve()
    {
        var slugs = All.Select(article => article.Slug).ToHashSet();
        var broken = All.SelectMany(article => article.Related.Where(related => !slugs.Contains(related)).Select(related => $"{article.Slug} -> {related}"));

        Assert.Empty(broken);
    }

    [Fact]
    public void Links_inside_article_bodies_resolve()
    {
        var slugs = All.Select(article => article.Slug).ToHashSet();
        var broken = All.SelectMany(article => System.Text.RegularExpressions.Regex.Matches(article.Html, "href=\"/kb/([^\"#?]+)")
            .Select(match => match.Groups[1].Value)
            .Where(slug => !slugs.Contains(slug))
            .Select(slug => $"{article.Slug} -> {slug}"));

        Assert.Empty(broken);
    }

    [Fact]
    public void Every_cause_slug_has_its_article_with_signatures_and_a_checklist_of_four_steps()
    {
        foreach (var slug in CauseSlugs)
        {
            var article = All.SingleOrDefault(candidate => candidate.Slug == slug);
            Assert.True(article is not null, $"causes/{slug}.md is missing");
            Assert.Equal(ArticleCategory.Cause, article.Category);
            Assert.True(article.Checklist.Count >= 4, $"{slug} has {article.Checklist.Count} checklist steps");
            Assert.True(article.Signatures.Count >= 4, $"{slug} has {article.Signatures.Count} signatures");
        }
        Assert.Equal(CauseSlugs.Order(), All.Where(article => article.Category == ArticleCategory.Cause).Select(article => article.Slug).Order());
    }

    [Fact]
    public void Signature_patterns_compile_and_match_a_line_quoted_in_their_article()
    {
        foreach (var article in All.Where(article => article.Category == ArticleCategory.Cause))
        {
            var lines = article.PlainText.Split('\n');
            var unmatched = article.Signatures
                .Where(signature => !lines.Any(line => ArticleParser.CompileSignature(signature.Pattern).IsMatch(line)))
                .Select(signature => $"{signature.Emitter}: {signature.Pattern}")
                .ToList();

            Assert.True(unmatched.Count <= article.Signatures.Count / 2, $"{article.Slug}: most signatures match no line of the article: {string.Join(" | ", unmatched)}");
        }
    }

    [Fact]
    public void Tell_apart_checks_compare_two_known_causes_and_fill_only_values_a_paste_gives()
    {
        var pasteValueNames = typeof(KB.Web.Features.Triage.Runbook.PasteValues).GetFields()
            .Where(field => field.IsLiteral).Select(field => (string)field.GetRawConstantValue()!).ToHashSet();
        var checks = All.SelectMany(article => article.TellApart.Select(check => (article.Slug, check))).ToList();

        Assert.True(checks.Count >= 11, $"only {checks.Count} tell_apart checks");
        Assert.All(checks, entry =>
        {
            Assert.Contains(entry.check.From, CauseSlugs);
            Assert.Contains(entry.Slug, CauseSlugs);
            Assert.All(Regex.Matches(entry.check.Check, @"\{\{(?<name>[^}:]+)").Select(match => match.Groups["name"].Value),
                name => Assert.Contains(name, pasteValueNames));
            Assert.DoesNotContain("{{", entry.check.Reading);
        });
    }

    [Fact]
    public void The_knowledge_base_covers_every_category()
    {
        var counts = All.GroupBy(article => article.Category).ToDictionary(group => group.Key, group => group.Count());

        Assert.True(All.Count >= 48, $"{All.Count} articles");
        Assert.Equal(13, counts[ArticleCategory.Cause]);
        Assert.True(counts[ArticleCategory.Diagnostic] >= 12);
        Assert.True(counts[ArticleCategory.Resolution] >= 10);
        Assert.True(counts[ArticleCategory.Prevention] >= 8);
    }

    [Fact]
    public void Articles_put_commands_in_code_blocks()
    {
        var withoutCode = All.Where(article => !article.Html.Contains("class=\"code-block\"")).Select(article => article.Slug);

        Assert.Empty(withoutCode);
    }
}
