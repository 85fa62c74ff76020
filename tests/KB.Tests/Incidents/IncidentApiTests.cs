using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace KB.Tests.Incidents;

public sealed class IncidentApiTests : IDisposable
{
    private readonly KbApp _app = new();
    private readonly HttpClient _client;

    public IncidentApiTests() => _client = _app.CreateClient();

    public void Dispose() => _app.Dispose();

    private async Task<JsonElement> CreateAsync(object body)
    {
        var response = await _client.PostAsJsonAsync("/api/incidents", body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    [Theory]
    [InlineData("c")]
    [InlineData("AND(")]
    public async Task An_error_log_that_points_to_no_cause_is_saved_without_suggestions(string errorLog)
    {
        var incident = await CreateAsync(new { title = "502 on search", service = "search", errorLog });

        Assert.Equal(errorLog, incident.GetProperty("errorLog").GetString());
        Assert.Equal(0, incident.GetProperty("suggestions").GetArrayLength());
        var saved = await _client.GetAsync($"/api/incidents/{incident.GetProperty("id").GetInt32()}");
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
    }

    [Fact]
    public async Task Post_answers_201_with_a_location_and_the_incident()
    {
        var response = await _client.PostAsJsonAsync("/api/incidents", new { title = "502 on login", service = "auth", severity = "SEV1", errorLog = "upstream prematurely closed connection while reading response header from upstream", cause = "connection-reset" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var incident = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var id = incident.GetProperty("id").GetInt32();
        Assert.Equal($"/api/incidents/{id}", response.Headers.Location?.AbsolutePath);
        Assert.Equal("SEV1", incident.GetProperty("severity").GetString());
        Assert.Equal("identified", incident.GetProperty("status").GetString());
        Assert.Equal("connection-reset", incident.GetProperty("cause").GetString());
        Assert.Equal("connection-reset", incident.GetProperty("suggestions")[0].GetProperty("cause").GetString());
        Assert.True(incident.GetProperty("checklist").GetArrayLength() >= 4);
        var step = incident.GetProperty("checklist")[0];
        Assert.False(step.GetProperty("done").GetBoolean());
        Assert.Equal(JsonValueKind.Null, step.GetProperty("doneBy").ValueKind);
        Assert.Equal("automation (token 1)", incident.GetProperty("timeline")[0].GetProperty("who").GetString());
        Assert.Equal(JsonValueKind.Null, incident.GetProperty("resolvedAt").ValueKind);
        Assert.EndsWith("Z", incident.GetProperty("startedAt").GetString());
    }

    [Fact]
    public async Task Invalid_input_answers_400_with_problem_details_naming_the_fields()
    {
        var response = await _client.PostAsJsonAsync("/api/incidents", new { title = "", severity = "SEV9", startedAt = DateTime.UtcNow.AddDays(2), cause = "aliens" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        foreach (var field in new[] { "title", "service", "severity", "startedAt", "cause" })
        {
            Assert.True(errors.TryGetProperty(field, out _), $"no error for {field}");
        }
        Assert.Equal("[]", await _client.GetStringAsync("/api/incidents"));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"title\": 5, \"service\": []}")]
    public async Task Malformed_json_answers_400(string body)
    {
        var response = await _client.PostAsync("/api/incidents", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task A_huge_error_log_is_refused_with_a_reason()
    {
        var response = await _client.PostAsJsonAsync("/api/incidents", new { title = "t", service = "s", errorLog = new string('x', 600 * 1024) });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("errorLog", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Get_lists_with_filters_and_reads_one()
    {
        var first = await CreateAsync(new { title = "Checkout 502", service = "checkout", severity = "SEV2", startedAt = "2026-01-10T10:00:00Z" });
        await CreateAsync(new { title = "Search 502", service = "search", severity = "SEV4", startedAt = "2026-02-10T10:00:00Z", cause = "dns-resolution" });

        async Task<List<string?>> TitlesAsync(string query) =>
            (await _client.GetFromJsonAsync<JsonElement>("/api/incidents" + query)).EnumerateArray().Select(x => x.GetProperty("title").GetString()).ToList();

        Assert.Equal(["Search 502", "Checkout 502"], await TitlesAsync(""));
        Assert.Equal(["Checkout 502"], await TitlesAsync("?service=CHECKOUT"));
        Assert.Equal(["Search 502"], await TitlesAsync("?severity=SEV4"));
        Assert.Equal(["Search 502"], await TitlesAsync("?cause=dns-resolution"));
        Assert.Equal(["Search 502"], await TitlesAsync("?status=identified"));
        Assert.Equal(["Checkout 502"], await TitlesAsync("?from=2026-01-01&to=2026-02-01"));
        Assert.Equal(["Checkout 502"], await TitlesAsync("?q=checkout"));
        Assert.Equal(["Checkout 502", "Search 502"], await TitlesAsync("?sort=startedOldest"));
        Assert.Equal(["Checkout 502"], await TitlesAsync("?sort=startedOldest&pageSize=1"));
        Assert.Equal(HttpStatusCode.BadRequest, (await _client.GetAsync("/api/incidents?status=on-fire")).StatusCode);

        var id = first.GetProperty("id").GetInt32();
        var one = await _client.GetFromJsonAsync<JsonElement>($"/api/incidents/{id}");
        Assert.Equal("Checkout 502", one.GetProperty("title").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync("/api/incidents/999999")).StatusCode);
    }

    [Fact]
    public async Task Pages_render_the_list_and_the_postmortem_download()
    {
        var incident = await CreateAsync(new { title = "<script>alert(1)</script> 502", service = "web" });
        var id = incident.GetProperty("id").GetInt32();

        var list = await _client.GetStringAsync("/incidents?q=script");
        var postmortem = await _client.GetAsync($"/incidents/{id}/postmortem.md");

        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; 502", list);
        Assert.DoesNotContain("<script>alert(1)", list);
        Assert.Equal("text/markdown", postmortem.Content.Headers.ContentType?.MediaType);
        Assert.Contains($"incident-{id}-postmortem.md", postmortem.Content.Headers.ContentDisposition?.ToString());
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync("/incidents/999999/postmortem.md")).StatusCode);
    }
}
