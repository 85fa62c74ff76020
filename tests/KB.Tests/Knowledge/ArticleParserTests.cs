using KB.Web.Features.Knowledge;

namespace KB.Tests.Knowledge;

public class ArticleParserTests
{
    private const string Cause = """
        ---
        slug: dns-resolution
        title: Upstream host name does not resolve
        category: cause
        tags: [DNS, nginx, kubernetes]
        summary: The proxy cannot turn the upstream's name into an address.
        signatures:
          - emitter: nginx
            pattern: 'could not be resolved \(\d+: (Host not found|Operation timed out)\)'
        related: [check-dns]
        ---
        Body text.

        ## Checklist
        - [ ] Resolve it: `dig +short api.internal`
        - [ ] Check the resolver
        """;

    [Fact]
    public void Readers_see_a_commands_example_where_the_checklist_keeps_the_value_to_fill()
    {
        var text = Cause.Replace("`dig +short api.internal`", "`dig +short {{name:api.internal}}`");

        var article = ArticleParser.Parse(text, "causes/dns-resolution.md").Article!;

        Assert.Contains("dig +short api.internal", article.Html);
        Assert.DoesNotContain("{{", article.Html);
        Assert.DoesNotContain("{{", article.PlainText);
        Assert.Contains("Resolve it: `dig +short {{name:api.internal}}`", article.Checklist);
    }

    [Fact]
    public void Reads_the_checks_that_tell_a_cause_apart_from_another_keeping_the_values_to_fill()
    {
        var text = Cause.Replace("related: [check-dns]", """
            tell_apart:
              - from: misconfiguration
                check: 'dig +short {{name:backend.internal}}'
                reading: 'No output: the name does not resolve. Addresses: the proxy asks wrongly.'
            related: [check-dns]
            """);

        var article = ArticleParser.Parse(text, "causes/dns-resolution.md").Article!;

        Assert.Equal(new TellApartCheck("misconfiguration", "dig +short {{name:backend.internal}}", "No output: the name does not resolve. Addresses: the proxy asks wrongly."), Assert.Single(article.TellApart));
    }

    [Theory]
    [InlineData("from: Firewall Blocked\n    check: 'nc -vz h 1'\n    reading: 'r'", "is not a cause slug")]
    [InlineData("from: dns-resolution\n    check: 'nc -vz h 1'\n    reading: 'r'", "compares the cause with itself")]
    [InlineData("from: misconfiguration\n    check: 'dig +short x'", "needs both a check")]
    public void A_bad_tell_apart_entry_is_a_content_problem(string entry, string expected)
    {
        var text = Cause.Replace("related: [check-dns]", "tell_apart:\n  - " + entry + "\nrelated: [check-dns]");

        var result = ArticleParser.Parse(text, "causes/dns-resolution.md");

        Assert.Null(result.Article);
        Assert.Contains(result.Errors, error => error.Contains(expected));
    }

    [Fact]
    public void Parses_front_matter_body_and_checklist()
    {
        var article = ArticleParser.Parse(Cause, "causes/dns-resolution.md").Article!;

        Assert.Equal("dns-resolution", article.Slug);
        Assert.Equal("Upstream host name does not resolve", article.Title);
        Assert.Equal(ArticleCategory.Cause, article.Category);
        Assert.Equal(["dns", "nginx", "kubernetes"], article.Tags);
        Assert.Equal(new LogSignature("nginx", @"could not be resolved \(\d+: (Host not found|Operation timed out)\)"), Assert.Single(article.Signatures));
        Assert.Equal(["check-dns"], article.Related);
        Assert.Equal(2, article.Checklist.Count);
        Assert.DoesNotContain("slug:", article.Html);
        Assert.Matches("^[0-9a-f]{12}$", article.Revision);
    }

    [Theory]
    [InlineData("No front matter at all.", "front matter")]
    [InlineData("---\ntitle: [unclosed\n---\nbody", "not valid YAML")]
    [InlineData("---\nslug: x\ncategory: cause\n---\nbody", "no title")]
    [InlineData("---\nslug: Bad_Slug\ntitle: T\ncategory: cause\n---\nbody", "lowercase words")]
    [InlineData("---\nslug: other\ntitle: T\ncategory: cause\n---\nbody", "does not match the file name")]
    [InlineData("---\nslug: dns-resolution\ntitle: T\ncategory: essay\n---\nbody", "not one of cause")]
    [InlineData("---\nslug: dns-resolution\ntitle: T\ncategory: diagnostic\n---\nbody", "belongs in the folder 'diagnostics/'")]
    [InlineData("---\nslug: dns-resolution\ntitle: T\ncategory: cause\nsignatures:\n  - emitter: nginx\n    pattern: 'unclosed ('\n---\nbody", "not a valid regular expression")]
    [InlineData("---\nslug: dns-resolution\ntitle: T\ncategory: cause\nsignatures:\n  - emitter: lighttpd\n    pattern: 'x'\n---\nbody", "emitter 'lighttpd'")]
    [InlineData("---\nslug: dns-resolution\ntitle: T\ncategory: cause\nsignatures:\n  -\n---\nbody", "signature entry is empty")]
    [InlineData("---\nslug: dns-resolution\ntitle: T\ncategory: cause\ntell_apart:\n  -\n---\nbody", "tell_apart entry is empty")]
    public void Broken_articles_are_refused_with_the_reason(string text, string reason)
    {
        var result = ArticleParser.Parse(text, "causes/dns-resolution.md");

        Assert.Null(result.Article);
        Assert.Contains(result.Errors, error => error.Contains(reason, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Slug_defaults_to_the_file_name()
    {
        var article = ArticleParser.Parse("---\ntitle: T\ncategory: prevention\n---\nbody", "prevention/capacity-planning.md").Article;

        Assert.Equal("capacity-planning", article?.Slug);
    }

    [Fact]
    public void Signatures_match_case_insensitively()
    {
        var regex = ArticleParser.CompileSignature(@"upstream sent too big header");

        Assert.Matches(regex, "2024/01/01 [error] 7#7: *1 Upstream Sent Too Big Header while reading response header from upstream");
    }
}
