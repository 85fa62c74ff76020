using KB.Web.Features.Knowledge;
using Microsoft.Extensions.DependencyInjection;

namespace KB.Tests.Knowledge;

/// <summary>Relevance and robustness of search over the shipped knowledge base.</summary>
public class SearchIndexTests(ShippedContentApp app) : IClassFixture<ShippedContentApp>
{
    private SearchIndex Index => app.Services.GetRequiredService<SearchIndex>();

    private async Task<List<string>> SlugsAsync(string query, int limit = 10, SearchFilter? filter = null) =>
        (await Index.SearchAsync(query, filter ?? SearchFilter.None, limit)).Select(result => result.Slug).ToList();

    [Theory]
    [InlineData("upstream sent too big header", "header-too-large", 1)]
    [InlineData("php-fpm sock permission denied", "socket-permission", 3)]
    [InlineData("connect() failed (111: Connection refused) while connecting to upstream", "upstream-down", 3)]
    [InlineData("upstream timed out (110: Connection timed out) while reading response header", "upstream-timeout", 3)]
    [InlineData("could not be resolved (3: Host not found)", "dns-resolution", 3)]
    [InlineData("SSL_do_handshake() failed", "tls-upstream", 3)]
    [InlineData("upstream prematurely closed connection", "connection-reset", 3)]
    [InlineData("too many open files", "resource-exhaustion", 3)]
    [InlineData("no route to host", "network-unreachable", 3)]
    [InlineData("oom killer", "application-crash", 3)]
    [InlineData("openssl s_client", "check-tls-upstream", 3)]
    [InlineData("flush dns cache", "check-dns", 3)]
    [InlineData("keepalive timeout alb", "align-keepalive", 3)]
    [InlineData("connection draining", "graceful-deploys-draining", 3)]
    public async Task Real_questions_find_the_right_article(string query, string expected, int within)
    {
        var slugs = await SlugsAsync(query);

        Assert.Contains(expected, slugs.Take(within));
    }

    [Fact]
    public async Task Title_match_ranks_above_body_mentions()
    {
        var slugs = await SlugsAsync("tcpdump");

        Assert.Equal("capture-traffic", slugs[0]);
        Assert.True(slugs.Count > 1, "other articles mention tcpdump in their body");
    }

    [Theory]
    [InlineData("ups")]
    [InlineData("upstr")]
    [InlineData("tcpdu")]
    public async Task Prefixes_find_results_while_typing(string prefix)
    {
        Assert.NotEmpty(await SlugsAsync(prefix));
    }

    [Fact]
    public async Task Synonyms_widen_the_search()
    {
        Assert.Contains("upstream-down", await SlugsAsync("upstream refused"));
        Assert.NotEmpty(await SlugsAsync("bad gateway k8s"));
    }

    [Fact]
    public async Task Words_that_do_not_all_match_still_give_the_closest_articles()
    {
        Assert.Contains("upstream-timeout", await SlugsAsync("upstream timed out zzzunknownword"));
    }

    [Theory]
    [InlineData("hapxory", "haproxy")]
    [InlineData("timout", "timeout")]
    [InlineData("resovler", "resolver")]
    [InlineData("upstrem timed out", "upstream timed out")]
    [InlineData("sertificate expired", "certificate expired")]
    public async Task One_or_two_wrong_letters_still_find_the_article(string misspelt, string spelt)
    {
        var found = await SlugsAsync(misspelt);

        Assert.NotEmpty(found);
        Assert.Contains(found[0], (await SlugsAsync(spelt)).Take(3));
    }

    [Fact]
    public async Task A_misspelt_word_ranks_below_the_word_spelt_right()
    {
        var exact = await Index.SearchAsync("haproxy", SearchFilter.None, 5);
        var misspelt = await Index.SearchAsync("hapxory", SearchFilter.None, 5);

        Assert.Equal(exact[0].Slug, misspelt[0].Slug);
        Assert.True(misspelt[0].Score < exact[0].Score, $"{misspelt[0].Score} < {exact[0].Score}");
        Assert.Contains("<mark>haproxy</mark>", misspelt[0].Snippet, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_word_spelt_right_is_not_taken_for_a_typing_mistake()
    {
        var slugs = await SlugsAsync("tcpdump");

        Assert.DoesNotContain(await SlugsAsync("tcpdumq"), slug => !slugs.Contains(slug));
        Assert.Empty(await SlugsAsync("zzqxwv"));
    }

    [Theory]
    [InlineData("why does the first request after a quiet night fail", "align-keepalive")]
    public async Task Questions_in_plain_words_find_the_right_article(string question, string expected)
    {
        Assert.Contains(expected, (await SlugsAsync(question)).Take(3));
    }

    [Theory]
    [InlineData("\"")]
    [InlineData("AND(")]
    [InlineData("*")]
    [InlineData("NEAR(")]
    [InlineData("\"unclosed phrase")]
    [InlineData("title:dns")]
    [InlineData("a OR OR b")]
    [InlineData("-dns")]
    [InlineData("^dns")]
    [InlineData("'); DROP TABLE article_search; --")]
    [InlineData("\u0002\u0003")]
    public async Task Search_syntax_in_user_text_does_not_break_search(string query)
    {
        var results = await Index.SearchAsync(query, SearchFilter.None, 10);

        Assert.NotNull(results);
        Assert.NotEmpty(await SlugsAsync("dns"));
    }

    [Fact]
    public async Task A_3000_character_query_answers()
    {
        Assert.Empty(await Index.SearchAsync(new string('x', 3000), SearchFilter.None, 10));
        var longText = string.Concat(Enumerable.Repeat("upstream timed out while reading response header ", 60));
        Assert.Contains("upstream-timeout", await SlugsAsync(longText));
    }

    [Fact]
    public async Task Snippets_highlight_matches_and_escape_everything_else()
    {
        var result = (await Index.SearchAsync("refused", SearchFilter.None, 5))[0];

        Assert.Contains("<mark>", result.Snippet);
        Assert.DoesNotMatch("<(?!/?mark>)", result.Snippet);
    }

    [Fact]
    public async Task Results_come_best_first_with_contract_fields()
    {
        var results = await Index.SearchAsync("timeout", SearchFilter.None, 10);

        Assert.Equal(10, results.Count);
        Assert.All(results, result => Assert.False(string.IsNullOrEmpty(result.Title)));
        Assert.Equal(results.OrderByDescending(result => result.Score).Select(result => result.Slug), results.Select(result => result.Slug));
    }

    [Fact]
    public async Task Filters_restrict_by_category_and_tag()
    {
        var causes = await Index.SearchAsync("timeout", new SearchFilter(ArticleCategory.Cause), 50);
        Assert.NotEmpty(causes);
        Assert.All(causes, result => Assert.Equal("cause", result.Category));

        var tagged = await SlugsAsync("upstream", 50, new SearchFilter(Tag: "dns"));
        var catalog = app.Services.GetRequiredService<KnowledgeBase>().Current;
        Assert.NotEmpty(tagged);
        Assert.All(tagged, slug => Assert.Contains("dns", catalog.Find(slug)!.Tags));
    }
}

/// <summary>One app over the shipped content, shared by the tests of a class.</summary>
public sealed class ShippedContentApp : IDisposable
{
    private readonly KbApp _app = new();

    public ShippedContentApp() => _ = _app.Server;

    public IServiceProvider Services => _app.Services;

    public HttpClient CreateClient() => _app.CreateClient();

    public void Dispose() => _app.Dispose();
}
