using KB.Tests.Knowledge;
using KB.Web.Features.Triage;
using Microsoft.Extensions.DependencyInjection;

namespace KB.Tests.Triage;

public class TriageEngineTests(ShippedContentApp app) : IClassFixture<ShippedContentApp>
{
    private const string Refused = "2024/05/14 09:12:03 [error] 2817#2817: *1043 connect() failed (111: Connection refused) while connecting to upstream, client: 10.0.0.7, server: shop.example.com, request: \"GET /cart HTTP/1.1\", upstream: \"http://10.0.3.12:8080/cart\", host: \"shop.example.com\"";
    private const string Reset = "2024/05/14 09:12:04 [error] 2817#2817: *1044 recv() failed (104: Connection reset by peer) while reading response header from upstream, client: 10.0.0.7, server: shop.example.com, request: \"GET /cart HTTP/1.1\", upstream: \"http://10.0.3.12:8080/cart\", host: \"shop.example.com\"";
    private const string AccessOk = "10.0.0.7 - - [14/May/2024:09:12:02 +0000] \"GET /health HTTP/1.1\" 200 2 \"-\" \"kube-probe/1.29\"";

    private TriageEngine Engine => app.Services.GetRequiredService<TriageEngine>();

    [Fact]
    public async Task One_line_gives_its_cause_with_evidence_pointing_into_the_line()
    {
        var result = await Engine.TriageAsync(Refused);

        var first = result.Candidates[0];
        Assert.Equal("upstream-down", first.Cause);
        Assert.Equal("high", first.ConfidenceLabel);
        var evidence = first.Evidence[0];
        Assert.Equal(1, evidence.LineNumber);
        Assert.Equal("nginx", evidence.Emitter);
        Assert.Contains("Connection refused", evidence.MatchedText);
        Assert.NotEmpty(first.FirstSteps);
        Assert.Equal([new EmitterCount("nginx", 1)], result.Emitters);
        Assert.False(result.UsedFullTextFallback);
    }

    [Theory]
    [InlineData(true, "upstream-down", "firewall-blocked")]
    [InlineData(false, "firewall-blocked", "upstream-down")]
    public async Task A_split_answer_carries_the_check_that_tells_its_two_causes_apart_filled_with_the_pastes_address(bool refusedFirst, string first, string second)
    {
        const string upstream = "upstream: \"http://10.0.9.31:9000/cart\"";
        var refused = $"connect() failed (111: Connection refused) while connecting to upstream, {upstream}";
        var connectTimeout = $"connect() failed (110: Connection timed out) while connecting to upstream, {upstream}";

        var result = await Engine.TriageAsync(refusedFirst ? $"{refused}\n{connectTimeout}" : $"{connectTimeout}\n{refused}");

        Assert.StartsWith("Likely ", result.Summary);
        Assert.Contains(" or ", result.Summary);
        var tellApart = result.TellApart!;
        Assert.Equal((first, second), (tellApart.First, tellApart.Second));
        Assert.Equal("nc -vz -w 5 10.0.9.31 9000", tellApart.Check.Text);
        Assert.Equal(["upstream_host", "upstream_port"], tellApart.Check.Filled.Select(value => value.Name));
        Assert.Contains("Connection refused", tellApart.Reading);
    }

    [Fact]
    public async Task A_clear_answer_carries_no_tell_apart_check()
    {
        var result = await Engine.TriageAsync(Refused);

        Assert.False(result.IsSplit);
        Assert.Null(result.TellApart);
    }

    [Fact]
    public async Task Evidence_adds_up_across_lines()
    {
        var result = await Engine.TriageAsync(string.Join('\n', Reset, Refused, Reset, Reset));

        Assert.Equal("connection-reset", result.Candidates[0].Cause);
        Assert.Equal("upstream-down", result.Candidates[1].Cause);
        Assert.Equal(3, result.Candidates[0].Evidence.Count);
        Assert.True(result.Candidates[0].Score > result.Candidates[1].Score);
    }

    [Fact]
    public async Task Noise_lines_do_not_drown_the_signal()
    {
        var noise = Enumerable.Repeat(AccessOk, 500)
            .Concat(["Traceback (most recent call last):", "  File \"/srv/app/views.py\", line 10, in index", "    at Object.<anonymous> (/srv/app/index.js:10:5)"]);
        var text = string.Join('\n', noise.Take(250).Append(Refused).Concat(noise.Skip(250)));

        var result = await Engine.TriageAsync(text);

        Assert.Equal("upstream-down", result.Candidates[0].Cause);
        Assert.Equal(251, result.Candidates[0].Evidence[0].LineNumber);
    }

    [Fact]
    public async Task Without_a_matching_signature_full_text_search_answers_with_low_confidence()
    {
        var result = await Engine.TriageAsync("the gateway keeps saying bad gateway after the certificate rotation");

        Assert.True(result.UsedFullTextFallback);
        Assert.NotEmpty(result.Candidates);
        Assert.All(result.Candidates, candidate => Assert.Equal("low", candidate.ConfidenceLabel));
    }

    [Theory]
    [InlineData("c")]
    [InlineData("N")]
    [InlineData("s")]
    [InlineData("AND(")]
    public async Task A_paste_that_points_to_no_cause_ranks_none_and_says_so(string text)
    {
        var result = await Engine.TriageAsync(text);

        Assert.Empty(result.Candidates);
        Assert.Equal(TriageResult.NoEvidenceMessage, result.NoEvidence);
    }

    [Fact]
    public async Task A_huge_paste_is_read_up_to_the_line_limit_and_says_so()
    {
        var lines = Enumerable.Range(0, 50_000).Select(i => i == 10 ? Refused : $"{AccessOk} {i}");
        var text = string.Join('\n', lines);
        Assert.True(text.Length > 4_000_000);

        var result = await Engine.TriageAsync(text);

        Assert.Equal(PastedText.MaxLines, result.LinesRead);
        Assert.Equal(50_000, result.TotalLines);
        Assert.Equal("Read the first 2,000 of 50,000 lines.", result.ReadNote);
        Assert.Equal("upstream-down", result.Candidates[0].Cause);
    }

    [Fact]
    public async Task A_5_mb_line_without_line_breaks_is_cut_not_choked_on()
    {
        var result = await Engine.TriageAsync(new string('a', 5 * 1024 * 1024) + " (111: Connection refused)");

        Assert.Equal(1, result.LinesRead);
        Assert.DoesNotContain(result.Candidates, candidate => candidate.Evidence.Any(evidence => evidence.Line.Length > PastedText.MaxLineLength));
        Assert.Equal(1, result.LinesCut);
        Assert.Equal("1 line was longer than 2,000 characters: only the first 2,000 of it were read.", result.ReadNote);
    }

    [Fact]
    public async Task A_line_of_exactly_the_line_limit_is_read_whole()
    {
        var line = Refused + new string(' ', PastedText.MaxLineLength - Refused.Length);

        var whole = await Engine.TriageAsync(line);
        var cut = await Engine.TriageAsync(line + "x");

        Assert.Equal((0, null), (whole.LinesCut, whole.ReadNote));
        Assert.Equal(1, cut.LinesCut);
    }

    [Fact]
    public void Binary_text_is_recognised()
    {
        Assert.True(PastedText.LooksBinary("PK\u0003\u0004\0\0\u0014\0"));
        Assert.False(PastedText.LooksBinary(Refused + "\n\t" + Reset));
    }

    [Fact]
    public void Excerpt_keeps_the_match_visible_in_a_long_line()
    {
        var line = new string('x', 500) + "MATCH" + new string('y', 500);

        var excerpt = Excerpt.Around(line, 500, 5);

        Assert.Equal("MATCH", excerpt.Match);
        Assert.StartsWith("…", excerpt.Before);
        Assert.EndsWith("…", excerpt.After);
        Assert.Equal(Excerpt.Context + 1, excerpt.Before.Length);
    }
}
