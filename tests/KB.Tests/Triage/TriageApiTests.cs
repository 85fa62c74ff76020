using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using KB.Tests.Knowledge;
using KB.Web.Features.Triage;

namespace KB.Tests.Triage;

public class TriageApiTests(ShippedContentApp app) : IClassFixture<ShippedContentApp>
{
    private readonly HttpClient _client = app.CreateClient();

    [Fact]
    public async Task Post_answers_ranked_candidates_in_the_contract_shape()
    {
        var response = await _client.PostAsJsonAsync("/api/triage", new { text = "upstream sent too big header while reading response header from upstream" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var first = body.GetProperty("candidates")[0];
        Assert.Equal("header-too-large", first.GetProperty("cause").GetString());
        Assert.False(string.IsNullOrEmpty(first.GetProperty("title").GetString()));
        Assert.True(first.GetProperty("score").GetDouble() > 0);
        Assert.Contains("upstream sent too big header", first.GetProperty("evidence")[0].GetString());
        Assert.Equal("/kb/header-too-large", first.GetProperty("article").GetString());
        Assert.Equal(1, body.GetProperty("linesRead").GetInt32());
    }

    [Fact]
    public async Task A_split_answer_includes_the_check_that_tells_its_causes_apart_and_a_clear_one_null()
    {
        var split = await _client.PostAsJsonAsync("/api/triage", new { text = "connect() failed (111: Connection refused) while connecting to upstream, upstream: \"http://10.0.9.31:9000/\"\nconnect() failed (110: Connection timed out) while connecting to upstream, upstream: \"http://10.0.9.31:9000/\"" });
        var clear = await _client.PostAsJsonAsync("/api/triage", new { text = "upstream sent too big header while reading response header from upstream" });

        var tellApart = JsonDocument.Parse(await split.Content.ReadAsStringAsync()).RootElement.GetProperty("tellApart");
        Assert.Equal(["upstream-down", "firewall-blocked"], tellApart.GetProperty("causes").EnumerateArray().Select(cause => cause.GetString()));
        Assert.Equal("nc -vz -w 5 10.0.9.31 9000", tellApart.GetProperty("check").GetString());
        Assert.Contains("Connection refused", tellApart.GetProperty("reading").GetString());
        Assert.Equal("10.0.9.31", tellApart.GetProperty("filled")[0].GetProperty("value").GetString());
        Assert.Equal(JsonValueKind.Null, JsonDocument.Parse(await clear.Content.ReadAsStringAsync()).RootElement.GetProperty("tellApart").ValueKind);
    }

    [Theory]
    [InlineData("c")]
    [InlineData("N")]
    [InlineData("s")]
    [InlineData("AND(")]
    [InlineData("\"")]
    public async Task A_paste_with_no_evidence_answers_200_with_no_candidates_and_says_so(string text)
    {
        var response = await _client.PostAsJsonAsync("/api/triage", new { text });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(0, body.GetProperty("candidates").GetArrayLength());
        Assert.Equal(TriageResult.NoEvidenceMessage, body.GetProperty("noEvidence").GetString());
    }

    [Theory]
    [InlineData("{\"text\": \"\"}")]
    [InlineData("{\"text\": \"   \\n  \"}")]
    [InlineData("{}")]
    [InlineData("{\"text\": \"PK\\u0000\\u0003\\u0004binary\"}")]
    public async Task Empty_or_binary_text_answers_400_with_a_reason(string json)
    {
        var response = await _client.PostAsync("/api/triage", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.False(string.IsNullOrEmpty(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString()));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"text\": 42}")]
    public async Task Malformed_json_answers_400(string json)
    {
        var response = await _client.PostAsync("/api/triage", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task A_5_mb_paste_answers_with_a_capped_result()
    {
        var line = "10.0.0.7 - - [14/May/2024:09:12:02 +0000] \"GET /health HTTP/1.1\" 200 2 \"-\" \"kube-probe/1.29\"\n";
        var text = "connect() failed (111: Connection refused) while connecting to upstream\n" + string.Concat(Enumerable.Repeat(line, 5 * 1024 * 1024 / line.Length));

        var response = await _client.PostAsJsonAsync("/api/triage", new { text });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.StartsWith("Read the first 2,000 of", body.GetProperty("note").GetString());
        Assert.Equal(2_000, body.GetProperty("linesRead").GetInt32());
        Assert.True(body.GetProperty("totalLines").GetInt32() > 2_000);
        Assert.True(body.GetProperty("truncated").GetBoolean());
        Assert.Equal("upstream-down", body.GetProperty("candidates")[0].GetProperty("cause").GetString());
    }

    [Fact]
    public async Task Text_of_exactly_the_byte_limit_is_read_and_one_byte_more_is_refused_naming_the_field()
    {
        var text = "connect() failed (111: Connection refused) while connecting to upstream\n";
        text += new string('x', PastedText.MaxBytes - text.Length);

        var accepted = await _client.PostAsJsonAsync("/api/triage", new { text });
        var refused = await _client.PostAsJsonAsync("/api/triage", new { text = text + "x" });

        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        var message = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement.GetProperty("errors").GetProperty("text")[0].GetString();
        Assert.Contains("at most 6,291,456 bytes (6 MB)", message);
        Assert.Contains("this one has 6,291,457", message);
    }

    [Fact]
    public async Task Triage_page_has_a_labelled_paste_box()
    {
        var html = await _client.GetStringAsync("/triage");

        Assert.Contains("<label for=\"triage-text\">Log lines</label>", html);
        Assert.Contains("<textarea id=\"triage-text\"", html);
    }
}
