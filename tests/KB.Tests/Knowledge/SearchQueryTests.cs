using KB.Web.Features.Knowledge;

namespace KB.Tests.Knowledge;

public class SearchQueryTests
{
    [Theory]
    [InlineData("\"", "")]
    [InlineData("AND(", "(and)")]
    [InlineData("*", "")]
    [InlineData("NEAR(a b", "(near) AND (b)")]
    [InlineData("title:secret OR body:x", "(title) AND (secret) AND (body) AND (x)")]
    [InlineData("connect() failed (111", "(connect) AND (failed) AND (111)")]
    public void User_text_becomes_quoted_words_only(string text, string expected)
    {
        Assert.Equal(expected, Describe(SearchQuery.Parse(text)));
    }

    [Fact]
    public void Synonym_phrases_expand_to_their_group()
    {
        var query = SearchQuery.Parse("bad gateway refused");

        Assert.Equal("(bad gateway OR 502) AND (refused OR down OR econnrefused)", Describe(query));
    }

    [Fact]
    public void Stop_words_are_dropped_unless_nothing_else_is_left()
    {
        Assert.Equal("(dns OR resolve OR resolver OR nxdomain OR enotfound OR eai again)", Describe(SearchQuery.Parse("what is the dns")));
        Assert.False(SearchQuery.Parse("what is").IsEmpty);
    }

    [Fact]
    public void A_huge_query_is_bounded()
    {
        var words = string.Join(' ', Enumerable.Range(0, 1000).Select(i => "word" + i));

        Assert.Equal(SearchQuery.MaxTerms, SearchQuery.Parse(words).Terms.Count);
        Assert.Single(SearchQuery.Parse(new string('x', 3000)).Terms);
    }

    [Fact]
    public void A_query_of_more_terms_than_are_read_says_how_much_of_it_was_searched()
    {
        var sixteen = string.Join(' ', Enumerable.Range(0, SearchQuery.MaxTerms).Select(i => "word" + i));

        Assert.Null(SearchQuery.Parse(sixteen).SearchedLength);
        Assert.Null(SearchQuery.Parse(sixteen + " the").SearchedLength);
        Assert.Equal(sixteen.Length, SearchQuery.Parse(sixteen + " seventeen").SearchedLength);
    }

    [Theory]
    [InlineData("keepalive timeout alb", "Aligning keep-alive timeouts between proxy and upstream", 2.0 / 3)]
    [InlineData("sock permission", "Proxy cannot open the upstream socket (permission denied)", 1.0)]
    [InlineData("tcpdump", "Reading nginx logs", 0.0)]
    public void Coverage_is_the_share_of_terms_found_in_a_text(string query, string text, double expected)
    {
        Assert.Equal(expected, SearchQuery.Parse(query).Coverage(text), precision: 3);
    }

    /// <summary>Each term in brackets, its alternatives joined by OR: the words the index is asked for, and nothing else.</summary>
    private static string Describe(SearchQuery query) =>
        string.Join(" AND ", query.Terms.Select(alternatives => $"({string.Join(" OR ", alternatives.Select(phrase => string.Join(' ', phrase)))})"));
}
