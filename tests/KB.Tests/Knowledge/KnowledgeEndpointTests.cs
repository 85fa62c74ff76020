using System.Net;
using System.Text.Json;

namespace KB.Tests.Knowledge;

public class KnowledgeEndpointTests(ShippedContentApp app) : IClassFixture<ShippedContentApp>
{
    private readonly HttpClient _client = app.CreateClient();

    private async Task<JsonElement> GetJsonAsync(string url)
    {
        var response = await _client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    [Fact]
    public async Task Api_search_answers_the_contract_shape_best_first()
    {
        var results = await GetJsonAsync("/api/search?q=upstream%20sent%20too%20big%20header&limit=5");

        Assert.InRange(results.GetArrayLength(), 1, 5);
        var first = results[0];
        Assert.Equal("header-too-large", first.GetProperty("slug").GetString());
        Assert.Equal("cause", first.GetProperty("category").GetString());
        Assert.False(string.IsNullOrEmpty(first.GetProperty("title").GetString()));
        Assert.Contains("<mark>", first.GetProperty("snippet").GetString());
        Assert.True(first.GetProperty("score").GetDouble() > 0);
    }

    [Theory]
    [InlineData("%22")]
    [InlineData("AND(")]
    [InlineData("*")]
    [InlineData("NEAR(")]
    [InlineData("%3Cscript%3Ealert(1)%3C%2Fscript%3E")]
    [InlineData("")]
    public async Task Api_search_answers_200_to_hostile_queries(string q)
    {
        var results = await GetJsonAsync($"/api/search?q={q}");

        Assert.Equal(JsonValueKind.Array, results.ValueKind);
    }

    [Fact]
    public async Task Api_search_answers_a_3000_character_query()
    {
        var results = await GetJsonAsync("/api/search?q=" + new string('x', 3000));

        Assert.Equal(0, results.GetArrayLength());
    }

    [Fact]
    public async Task Api_search_filters_and_limits()
    {
        var results = await GetJsonAsync("/api/search?q=timeout&category=resolution&limit=3");

        Assert.InRange(results.GetArrayLength(), 1, 3);
        Assert.All(results.EnumerateArray(), result => Assert.Equal("resolution", result.GetProperty("category").GetString()));
    }

    [Fact]
    public async Task Api_articles_lists_every_article()
    {
        var articles = await GetJsonAsync("/api/articles");

        Assert.True(articles.GetArrayLength() >= 48);
        var dns = articles.EnumerateArray().Single(article => article.GetProperty("slug").GetString() == "dns-resolution");
        Assert.Equal("cause", dns.GetProperty("category").GetString());
        Assert.Equal(JsonValueKind.Array, dns.GetProperty("tags").ValueKind);
        Assert.False(string.IsNullOrEmpty(dns.GetProperty("summary").GetString()));
        Assert.False(string.IsNullOrEmpty(dns.GetProperty("title").GetString()));
    }

    [Fact]
    public async Task Kb_home_lists_categories_and_articles()
    {
        var html = await _client.GetStringAsync("/kb");

        foreach (var heading in new[] { "Causes", "Diagnostics", "Resolutions", "Prevention" })
        {
            Assert.Contains(heading, html);
        }
        Assert.Contains("href=\"/kb/dns-resolution\"", html);
        Assert.Matches("<label [^>]*for=\"kb-search\"", html);
    }

    [Fact]
    public async Task Article_page_shows_body_outline_breadcrumbs_copy_buttons_and_related_articles()
    {
        var html = await _client.GetStringAsync("/kb/dns-resolution");

        Assert.Contains("<h1", html);
        Assert.Contains("On this page", html);
        Assert.Contains("href=\"#checklist\"", html);
        Assert.Contains("aria-label=\"Breadcrumbs\"", html);
        Assert.Contains("href=\"/search?category=cause\"", html);
        Assert.Contains("class=\"copy-button\"", html);
        Assert.Contains("Related articles", html);
        Assert.Contains("type=\"checkbox\"", html);
    }

    [Fact]
    public async Task Unknown_article_answers_404_with_a_way_on()
    {
        var response = await _client.GetAsync("/kb/no-such-article");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Article not found", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Unknown_page_answers_404()
    {
        var response = await _client.GetAsync("/no/such/page");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Page not found", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Unknown_api_paths_and_posts_answer_a_bare_404()
    {
        var get = await _client.GetAsync("/api/no-such-thing");
        var post = await _client.PostAsync("/api/no-such-thing", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        Assert.DoesNotContain("Page not found", await get.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("dns", "dns-resolution")]
    [InlineData("%22", null)]
    [InlineData("AND(", null)]
    [InlineData("%3Cscript%3Ealert(1)%3C%2Fscript%3E", null)]
    public async Task Search_page_renders_results_on_the_server(string q, string? expectedSlug)
    {
        var response = await _client.GetAsync($"/search?q={q}");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("<script>alert(1)", html);
        if (expectedSlug is not null)
        {
            Assert.Contains($"href=\"/kb/{expectedSlug}\"", html);
        }
    }

    [Fact]
    public async Task Search_page_filters_by_tag_without_a_query()
    {
        var html = await _client.GetStringAsync("/search?tag=dns");

        Assert.Contains("tagged dns", html);
        Assert.Contains("href=\"/kb/dns-resolution\"", html);
    }
}
