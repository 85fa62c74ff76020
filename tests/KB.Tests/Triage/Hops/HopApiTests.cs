using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using KB.Tests.Knowledge;

namespace KB.Tests.Triage.Hops;

public class HopApiTests(ShippedContentApp app) : IClassFixture<ShippedContentApp>
{
    private readonly HttpClient _client = app.CreateClient();

    [Fact]
    public async Task Post_names_the_hop_with_its_evidence_where_the_failure_sits_and_what_to_read_next()
    {
        var body = await TriageAsync("HTTP/1.1 522 Origin Connection Time-out\nServer: cloudflare\nCF-RAY: 8a1b2c3d4e5f6789-FRA");

        var hop = body.GetProperty("hop");
        Assert.Equal("cloudflare", hop.GetProperty("component").GetString());
        Assert.Equal("HTTP/1.1 522 Origin Connection Time-out", hop.GetProperty("evidence").GetString());
        Assert.Equal("CDN", hop.GetProperty("family").GetString());
        Assert.StartsWith("Cloudflare could not get a valid answer from your origin", hop.GetProperty("where").GetString());
        Assert.Equal("/kb/cdn-error-pages", hop.GetProperty("readNext")[0].GetString());
    }

    [Fact]
    public async Task Causes_that_fit_the_hop_are_ranked_by_the_log_lines_pasted_with_it()
    {
        var body = await TriageAsync("""
            < HTTP/2 520
            < server: cloudflare
            2024/05/14 09:12:02 [error] 31#31: *7 recv() failed (104: Connection reset by peer) while reading response header from upstream
            2024/05/14 09:12:03 [error] 31#31: *9 recv() failed (104: Connection reset by peer) while reading response header from upstream
            """);

        var hop = body.GetProperty("hop");
        Assert.Equal("cloudflare", hop.GetProperty("component").GetString());
        var first = hop.GetProperty("causes")[0];
        Assert.Equal("connection-reset", first.GetProperty("cause").GetString());
        Assert.True(first.GetProperty("score").GetDouble() > 0);
        Assert.Equal("/kb/connection-reset", first.GetProperty("article").GetString());
    }

    [Fact]
    public async Task A_paste_that_does_not_tell_answers_hop_null()
    {
        var body = await TriageAsync("Error: connect ECONNREFUSED 127.0.0.1:3000");

        Assert.Equal(JsonValueKind.Null, body.GetProperty("hop").ValueKind);
        Assert.Equal("upstream-down", body.GetProperty("candidates")[0].GetProperty("cause").GetString());
    }

    private async Task<JsonElement> TriageAsync(string text)
    {
        var response = await _client.PostAsJsonAsync("/api/triage", new { text });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }
}
