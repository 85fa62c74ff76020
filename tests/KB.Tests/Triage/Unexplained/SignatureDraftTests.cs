using System.Text.RegularExpressions;
using KB.Web.Features.Knowledge;
using KB.Web.Features.Triage.Unexplained;

namespace KB.Tests.Triage.Unexplained;

public class SignatureDraftTests
{
    [Theory]
    [InlineData("2026/12/02 11:58:29 [error] 1234#1234: *42 frobnicate() failed (71: Protocol error) on 10.0.4.17:7000, request: \"GET /users/12345?x=1 HTTP/1.1\"")]
    [InlineData("[02/Dec/2026:11:58:29 +0000] backend api.internal:9000 failed: id 3f2b8c1e-9a4d-4c7b-8e2f-1a2b3c4d5e6f (0x80072ee2) [2001:db8::17]:8443")]
    [InlineData("Dec  2 11:58:29 web1 app: auth error for a.b@example.com with token=abc123 after 0.004 s")]
    public void The_drafted_pattern_matches_the_line_it_was_masked_from(string line)
    {
        var pattern = SignatureDraft.Pattern(LineMask.Mask(line));

        Assert.Matches(new Regex(pattern, RegexOptions.IgnoreCase), line);
        Assert.DoesNotContain("<", pattern);
    }

    [Fact]
    public void The_signature_goes_at_the_end_of_the_articles_list_and_the_article_still_parses()
    {
        var markdown = File.ReadAllText(Path.Combine(TestPaths.ShippedContent, "causes", "upstream-down.md"));
        var before = ArticleParser.Parse(markdown, "causes/upstream-down.md").Article!.Signatures.Count;

        var edited = SignatureDraft.AddTo(markdown, "generic", SignatureDraft.Pattern("frobnicator: it's <n> o'clock on <ip>:<port>"));

        var signatures = ArticleParser.Parse(edited, "causes/upstream-down.md").Article!.Signatures;
        Assert.Equal(before + 1, signatures.Count);
        Assert.Equal(@"frobnicator: it's \d+(?:\.\d+)? o'clock on \S+:\d+", signatures[^1].Pattern);
        Assert.Equal("generic", signatures[^1].Emitter);
    }

    [Fact]
    public void An_article_without_signatures_gets_a_list()
    {
        var edited = SignatureDraft.AddTo("---\nslug: x\ntitle: X\n---\nBody\n", "nginx", "a b");

        Assert.Equal("---\nslug: x\ntitle: X\nsignatures:\n  - emitter: nginx\n    pattern: 'a b'\n---\nBody\n", edited);
    }
}
