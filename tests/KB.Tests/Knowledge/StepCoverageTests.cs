using System.Text.RegularExpressions;
using KB.Web.Features.Knowledge;
using Microsoft.Extensions.DependencyInjection;

namespace KB.Tests.Knowledge;

/// <summary>
/// Steps a responder learns from general 502 guides each have an article of their own: in the right category, with a
/// runbook, linked from a cause article, and found by the words a person would type.
/// </summary>
public partial class StepCoverageTests(ShippedContentApp app) : IClassFixture<ShippedContentApp>
{
    private static readonly (string Slug, ArticleCategory Category)[] StepArticles =
    [
        ("escalate-to-provider", ArticleCategory.Resolution),
        ("test-firewall-rule-safely", ArticleCategory.Diagnostic),
        ("for-visitors-and-support", ArticleCategory.Resolution),
        ("check-versions-and-changelogs", ArticleCategory.Diagnostic),
        ("reload-proxy-safely", ArticleCategory.Resolution),
        ("speed-up-slow-upstream", ArticleCategory.Resolution),
        ("where-to-read-and-ask", ArticleCategory.Diagnostic),
    ];

    public static TheoryData<string, ArticleCategory> Steps()
    {
        var data = new TheoryData<string, ArticleCategory>();
        foreach (var (slug, category) in StepArticles)
        {
            data.Add(slug, category);
        }
        return data;
    }

    public static TheoryData<string> StepSlugs() => new(StepArticles.Select(step => step.Slug));

    private ArticleCatalog Catalog => app.Services.GetRequiredService<KnowledgeBase>().Current;

    [Theory]
    [MemberData(nameof(Steps))]
    public void Each_step_has_its_article_with_a_runbook(string slug, ArticleCategory category)
    {
        var article = Catalog.Find(slug);

        Assert.True(article is not null, $"{slug} is missing");
        Assert.Equal(category, article.Category);
        Assert.True(article.Checklist.Count >= 5, $"{slug} has {article.Checklist.Count} checklist steps");
    }

    [Theory]
    [MemberData(nameof(StepSlugs))]
    public void Each_step_is_linked_from_a_cause_article(string slug)
    {
        var linkingCauses = Catalog.Articles
            .Where(article => article.Category == ArticleCategory.Cause)
            .Where(cause => cause.Related.Contains(slug) || BodyLinks(cause).Contains(slug))
            .Select(cause => cause.Slug)
            .ToList();

        Assert.True(linkingCauses.Count > 0, $"no cause article links to {slug}");
    }

    [Theory]
    [InlineData("ask the CDN provider", "escalate-to-provider")]
    [InlineData("cf-ray x-amz-cf-id support ticket", "escalate-to-provider")]
    [InlineData("cloud provider status page", "escalate-to-provider")]
    [InlineData("semanage permissive", "test-firewall-rule-safely")]
    [InlineData("temporary firewall rule iptables comment", "test-firewall-rule-safely")]
    [InlineData("test security group rule safely", "test-firewall-rule-safely")]
    [InlineData("ipconfig /flushdns", "for-visitors-and-support")]
    [InlineData("502 in the browser what can I do", "for-visitors-and-support")]
    [InlineData("dscacheutil mDNSResponder", "for-visitors-and-support")]
    [InlineData("haproxy -vv", "check-versions-and-changelogs")]
    [InlineData("known bug changelog upgrade", "check-versions-and-changelogs")]
    [InlineData("nginx -s reload", "reload-proxy-safely")]
    [InlineData("systemctl reload vs restart", "reload-proxy-safely")]
    [InlineData("haproxy seamless reload", "reload-proxy-safely")]
    [InlineData("$upstream_response_time slow endpoint", "speed-up-slow-upstream")]
    [InlineData("profile slow upstream", "speed-up-slow-upstream")]
    [InlineData("where to ask for help community", "where-to-read-and-ask")]
    [InlineData("nginx debug log debug_connection", "where-to-read-and-ask")]
    public async Task The_words_a_person_types_find_the_step(string query, string expected)
    {
        var slugs = (await app.Services.GetRequiredService<SearchIndex>().SearchAsync(query, SearchFilter.None, 10))
            .Select(result => result.Slug)
            .ToList();

        Assert.True(slugs.Take(3).Contains(expected), $"\"{query}\" gave {string.Join(", ", slugs.Take(5))}");
    }

    [Fact]
    public void The_coverage_document_links_articles_that_exist_and_every_step()
    {
        var document = File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot, "docs", "coverage.md"));
        var linked = CoverageLink().Matches(document).Select(match => match.Groups[1].Value).ToList();

        Assert.True(linked.Count >= 50, $"{linked.Count} articles linked");
        Assert.All(linked, path => Assert.True(File.Exists(Path.Combine(TestPaths.ShippedContent, path)), $"docs/coverage.md links a missing content/{path}"));
        Assert.All(StepArticles, step => Assert.Contains(step.Slug, linked.Select(Path.GetFileNameWithoutExtension)));
    }

    private static HashSet<string> BodyLinks(Article article) =>
        KbLink().Matches(article.Html).Select(match => match.Groups[1].Value).ToHashSet();

    [GeneratedRegex("href=\"/kb/([^\"#?]+)")]
    private static partial Regex KbLink();

    [GeneratedRegex(@"\(\.\./content/([a-z]+/[a-z0-9-]+\.md)\)")]
    private static partial Regex CoverageLink();
}
