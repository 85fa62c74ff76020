using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using static KB.Tests.Alerts.AlertPayloads;

namespace KB.Tests.Alerts;

public sealed class GenericWebhookTests : IDisposable
{
    private const string Path = "/api/alerts";

    private readonly KbApp _app = new();
    private readonly HttpClient _client;

    public GenericWebhookTests() => _client = _app.CreateClient();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task An_alert_opens_an_incident_and_the_same_dedup_key_updates_it()
    {
        var alert = new { title = "Shop answers 502", service = "shop", severity = "high", errorLog = RefusedLog, dedupKey = "kuma-monitor-7" };

        var opened = await _client.HandledAsync(await _client.PostAcceptedAsync(Path, alert));
        var again = await _client.HandledAsync(await _client.PostAcceptedAsync(Path, alert with { title = "Shop still answers 502" }));
        var resolved = await _client.HandledAsync(await _client.PostAcceptedAsync(Path, new { title = "Shop is up", service = "shop", dedupKey = "kuma-monitor-7", status = "resolved" }));

        Assert.Equal(opened, again);
        Assert.Equal(opened, resolved);
        var incident = await _client.IncidentAsync(opened[0]);
        Assert.Equal("Shop answers 502", incident.GetProperty("title").GetString());
        Assert.Equal("SEV2", incident.GetProperty("severity").GetString());
        Assert.Equal("upstream-down", incident.GetProperty("suggestions")[0].GetProperty("cause").GetString());
        Assert.Equal(["alert", "alert", "alerts-resolved"], incident.Timeline().Where(entry => entry.Kind.StartsWith("alert")).Select(entry => entry.Kind));
        Assert.Equal("investigating", incident.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Without_a_dedup_key_the_same_title_on_the_same_service_is_the_same_alert()
    {
        var first = await _client.HandledAsync(await _client.PostAcceptedAsync(Path, new { title = "Nightly export failed", service = "cron" }));
        var same = await _client.HandledAsync(await _client.PostAcceptedAsync(Path, new { title = "nightly export failed", service = "cron" }));
        var other = await _client.HandledAsync(await _client.PostAcceptedAsync(Path, new { title = "Nightly export failed", service = "billing" }));

        Assert.Equal(first, same);
        Assert.NotEqual(first, other);
        Assert.Equal("SEV3", (await _client.IncidentAsync(first[0])).GetProperty("severity").GetString());
    }

    [Fact]
    public async Task Missing_or_unknown_fields_answer_400_naming_them()
    {
        var response = await _client.PostAsJsonAsync(Path, new { title = " ", severity = "apocalyptic", status = "gone", dedupKey = new string('k', 201) });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        foreach (var field in new[] { "title", "service", "severity", "status", "dedupKey" })
        {
            Assert.True(errors.TryGetProperty(field, out _), $"no error for {field}: {errors}");
        }
        Assert.Contains("SEV1", errors.GetProperty("severity")[0].GetString());
        Assert.Equal(0, await _client.IncidentCountAsync());
    }

    [Fact]
    public async Task A_body_sent_as_plain_text_is_refused()
    {
        var response = await _client.PostAsync(Path, new StringContent("{\"title\": \"x\", \"service\": \"y\"}"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task Without_a_token_it_answers_401()
    {
        var response = await _app.CreateAnonymousClient().PostAsJsonAsync(Path, new { title = "x", service = "y" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
