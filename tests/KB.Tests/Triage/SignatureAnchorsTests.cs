using System.Text.RegularExpressions;
using KB.Tests.Knowledge;
using KB.Web.Features.Knowledge;
using KB.Web.Features.Triage;
using Microsoft.Extensions.DependencyInjection;

namespace KB.Tests.Triage;

public class SignatureAnchorsTests(ShippedContentApp app) : IClassFixture<ShippedContentApp>
{
    [Theory]
    [InlineData("upstream prematurely closed connection", new[] { "upstream prematurely closed connection" })]
    [InlineData(@"connect\(\) failed \(111: Connection refused\)", new[] { "connect() failed (111: Connection refused)" })]
    [InlineData(@"no live upstreams|no healthy upstream", new[] { "no live upstreams", "no healthy upstream" })]
    [InlineData(@"child \d+ exited on signal (4|6|11) \(SIGSEGV", new[] { " exited on signal " })]
    [InlineData(@"https?://backend", new[] { "://backend" })]
    [InlineData(@"timed? out while reading", new[] { " out while reading" })]
    [InlineData(@"worker_connections{0,1} are not enough", new[] { "worker_connection" })]
    [InlineData(@"HTTP/\d(\.\d)? 502 x+y", new[] { " 502 x" })]
    [InlineData(@"[Uu]pstream sent too big header", new[] { "pstream sent too big header" })]
    [InlineData(@"\p{L}+ refused the connection", new[] { " refused the connection" })]
    [InlineData(@"^(?!.*secure TLS).*(socket hang up|ECONNRESET)", null)]
    [InlineData(@"refused|\d+", null)]
    [InlineData(@"(?x) no \s+ anchor", null)]
    [InlineData(@"ab", null)]
    public void The_anchors_are_the_text_every_match_contains(string pattern, string[]? expected)
    {
        Assert.Equal(expected, SignatureAnchors.Of(pattern));
    }

    [Fact]
    public void A_line_with_an_anchor_may_match_one_without_may_not_and_one_beyond_ascii_always_may()
    {
        string[] anchors = ["too big header"];

        Assert.True(SignatureAnchors.MayMatch(anchors, "upstream sent TOO BIG HEADER while reading", lineIsAscii: true));
        Assert.False(SignatureAnchors.MayMatch(anchors, "connect() failed (111: Connection refused)", lineIsAscii: true));
        Assert.True(SignatureAnchors.MayMatch(anchors, "upstream sent too big \u212Aeader", lineIsAscii: false));
        Assert.True(SignatureAnchors.MayMatch(null, "anything", lineIsAscii: true));
    }

    [Fact]
    public void No_shipped_signature_loses_a_line_it_matches_and_most_are_skipped_on_lines_they_cannot_match()
    {
        var catalog = app.Services.GetRequiredService<KnowledgeBase>().Current;
        var signatures = SignatureSet.Compile(catalog).Signatures;
        var lines = LabelledLine.Load().SelectMany(line => line.Line.Split('\n')).ToList();
        var lost = new List<string>();
        var skipped = 0;
        foreach (var signature in signatures)
        {
            foreach (var line in lines)
            {
                var ascii = System.Text.Ascii.IsValid(line);
                var mayMatch = SignatureAnchors.MayMatch(signature.Anchors, line, ascii);
                skipped += mayMatch ? 0 : 1;
                if (!mayMatch && Matches(signature.Pattern, line))
                {
                    lost.Add($"{signature.Pattern} on {line}");
                }
            }
        }

        Assert.Empty(lost);
        Assert.True(signatures.Count(signature => signature.Anchors is not null) >= 0.8 * signatures.Count,
            $"{signatures.Count(signature => signature.Anchors is not null)} of {signatures.Count} signatures have anchors");
        Assert.True(skipped >= 0.8 * signatures.Count * lines.Count, $"{skipped} of {signatures.Count * lines.Count} matches skipped");
    }

    private static bool Matches(Regex pattern, string line)
    {
        try
        {
            return pattern.IsMatch(line);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }
}
