using KB.Tests.Knowledge;
using KB.Web.Features.Knowledge;
using KB.Web.Features.Triage.Hops;
using Microsoft.Extensions.DependencyInjection;

namespace KB.Tests.Triage.Hops;

public class HopCatalogueTests(ShippedContentApp app) : IClassFixture<ShippedContentApp>
{
    private static readonly string[] DesignSlugs =
    [
        "cloudflare", "aws-alb", "aws-cloudfront", "aws-api-gateway", "gcp-lb", "azure-appgw", "azure-frontdoor", "akamai",
        "fastly", "varnish", "nginx", "openresty", "haproxy", "envoy", "traefik", "caddy", "apache", "iis", "heroku",
        "vercel", "netlify", "kong", "other",
    ];

    [Fact]
    public void The_catalogue_holds_exactly_the_hop_slugs_of_the_design()
    {
        Assert.Equal(DesignSlugs.Order(), HopCatalogue.Entries.Select(entry => entry.Component).Order());
    }

    [Fact]
    public void Every_article_a_hop_links_to_is_shipped_and_its_causes_are_cause_articles()
    {
        var catalog = app.Services.GetRequiredService<KnowledgeBase>().Current;

        foreach (var entry in HopCatalogue.Entries)
        {
            Assert.All(entry.ReadNext.Append(entry.FamilyArticle), slug => Assert.Equal(ArticleCategory.Diagnostic, catalog.Find(slug)?.Category));
            Assert.All(entry.FittingCauses, slug => Assert.Equal(ArticleCategory.Cause, catalog.Find(slug)?.Category));
        }
    }

    [Theory]
    [InlineData("Cloudflare Ray ID", "cdn-error-pages")]
    [InlineData("awselb/2.0", "cloud-lb-error-pages")]
    [InlineData("x-kong-upstream-latency", "proxy-error-pages")]
    [InlineData("FUNCTION_INVOCATION_FAILED", "app-platform-error-pages")]
    public async Task Search_finds_the_family_article_from_what_the_page_says(string query, string slug)
    {
        var results = await app.Services.GetRequiredService<SearchIndex>().SearchAsync((string?)query, new SearchFilter(), 5);

        Assert.Contains(results, result => result.Slug == slug);
    }
}
