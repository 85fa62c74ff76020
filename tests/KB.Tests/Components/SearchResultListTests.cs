using Bunit;
using KB.Web.Features.Knowledge;

namespace KB.Tests.Components;

public class SearchResultListTests : ComponentTestContext
{
    private static SearchResult Result(string slug, string title, string category = "cause", string snippet = "") =>
        new(slug, title, category, snippet, 1);

    [Fact]
    public void Each_result_links_to_its_article_in_the_order_given()
    {
        var list = Context.Render<SearchResultList>(parameters => parameters.Add(x => x.Results,
        [
            Result("header-too-large", "Upstream sent too big header"),
            Result("check-dns", "Check what the proxy resolves", "diagnostic"),
        ]));

        var links = list.FindAll("li.search-result a.result-title");
        Assert.Equal(["/kb/header-too-large", "/kb/check-dns"], links.Select(link => link.GetAttribute("href")));
        Assert.Equal(["Upstream sent too big header", "Check what the proxy resolves"], links.Select(link => link.TextContent));
        Assert.Equal("Search results", list.Find("ol").GetAttribute("aria-label"));
    }

    [Fact]
    public void The_category_shows_as_a_chip_and_an_unknown_one_shows_none()
    {
        var list = Context.Render<SearchResultList>(parameters => parameters.Add(x => x.Results,
        [
            Result("fix-dns-records", "Fix the DNS records", "resolution"),
            Result("odd", "An article of no known category", "essay"),
        ]));

        var items = list.FindAll("li.search-result");
        Assert.Equal("resolution", items[0].QuerySelector(".category-chip")!.TextContent.Trim());
        Assert.Equal("resolution", items[0].QuerySelector(".category-chip")!.GetAttribute("data-category"));
        Assert.Null(items[1].QuerySelector(".category-chip"));
    }

    [Fact]
    public void The_snippet_keeps_its_highlights_and_shows_encoded_text_as_text()
    {
        // SearchIndex encodes the article text and adds <mark> around the matched words.
        var snippet = "&lt;script&gt;alert(1)&lt;/script&gt; could not be <mark>resolved</mark>";
        var list = Context.Render<SearchResultList>(parameters => parameters.Add(x => x.Results, [Result("dns-resolution", "DNS", snippet: snippet)]));

        var paragraph = list.Find(".snippet");
        Assert.Equal("resolved", paragraph.QuerySelector("mark")!.TextContent);
        Assert.Empty(paragraph.QuerySelectorAll("script"));
        Assert.Equal("<script>alert(1)</script> could not be resolved", paragraph.TextContent);
    }

    [Fact]
    public void A_stale_cause_is_marked_stale_and_the_others_are_not()
    {
        var list = Context.Render<SearchResultList>(parameters => parameters
            .Add(x => x.Results, [Result("upstream-down", "Upstream refuses connections"), Result("dns-resolution", "DNS")])
            .Add(x => x.Stale, new HashSet<string> { "upstream-down" })
            .Add(x => x.StaleAfterDays, 180));

        var items = list.FindAll("li.search-result");
        Assert.Equal("Stale", items[0].QuerySelector(".stale-chip")!.TextContent.Trim());
        Assert.Null(items[1].QuerySelector(".stale-chip"));
    }

    [Fact]
    public void No_results_render_an_empty_list()
    {
        var list = Context.Render<SearchResultList>(parameters => parameters.Add(x => x.Results, []));

        Assert.Empty(list.FindAll("li"));
    }
}
