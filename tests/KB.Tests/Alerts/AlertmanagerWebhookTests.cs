using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using KB.Tests.Accounts;
using KB.Web.Features.Accounts;
using static KB.Tests.Alerts.AlertPayloads;

namespace KB.Tests.Alerts;

public sealed class AlertmanagerWebhookTests : IDisposable
{
    private const string Path = "/api/alerts/alertmanager";
    private const string Group = "{}:{alertname=\"CheckoutErrors\"}";

    private readonly KbApp _app = new();
    private readonly HttpClient _client;

    public AlertmanagerWebhookTests() => _client = _app.CreateClient();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task A_firing_alert_opens_an_incident_with_triage_suggestions_from_its_annotations()
    {
        var incidents = await _client.HandledAsync(await _client.PostAcceptedAsync(Path, Payload("firing", Group, Alert())));

        var incident = await _client.IncidentAsync(Assert.Single(incidents));
        Assert.Equal("502s on checkout above 5%", incident.GetProperty("title").GetString());
        Assert.Equal("checkout", incident.GetProperty("service").GetString());
        Assert.Equal("SEV1", incident.GetProperty("severity").GetString());
        Assert.Equal("investigating", incident.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, incident.GetProperty("cause").ValueKind);
        Assert.Equal("upstream-down", incident.GetProperty("suggestions")[0].GetProperty("cause").GetString());
        Assert.Contains(RefusedLog, incident.GetProperty("errorLog").GetString());
        Assert.Equal("2026-12-02T05:00:00.1234567Z", incident.GetProperty("startedAt").GetString());
        var opened = incident.Timeline().Single(entry => entry.Kind == "alert").Text;
        Assert.StartsWith("Opened by Alertmanager: 502s on checkout above 5% firing since 2026-12-02 05:00 UTC", opened);
        Assert.Contains("Triage suggests", opened);
    }

    [Fact]
    public async Task Without_a_summary_or_service_label_the_title_is_the_alertname_and_the_service_the_job()
    {
        var alert = Alert(labels: new() { ["alertname"] = "HighLatency", ["job"] = "api-gateway" }, annotations: new() { ["description"] = "p99 above 2 s" });

        var incidents = await _client.HandledAsync(await _client.PostAcceptedAsync(Path, Payload("firing", Group, alert)));

        var incident = await _client.IncidentAsync(Assert.Single(incidents));
        Assert.Equal("HighLatency", incident.GetProperty("title").GetString());
        Assert.Equal("api-gateway", incident.GetProperty("service").GetString());
        Assert.Equal("SEV3", incident.GetProperty("severity").GetString());
        Assert.Contains("no severity label", incident.Timeline().Single(entry => entry.Kind == "alert").Text);
    }

    [Fact]
    public async Task The_service_label_is_configurable_and_a_log_excerpt_label_is_triaged()
    {
        using var app = new KbApp(settings: new() { ["KB:Alerts:ServiceLabels:0"] = "app" });
        var client = app.CreateClient();
        var alert = Alert(labels: new() { ["alertname"] = "Bad gateway", ["app"] = "billing", ["service"] = "ignored", ["severity"] = "P2", ["log_excerpt"] = "upstream sent too big header while reading response header from upstream" },
            annotations: new());

        var incidents = await client.HandledAsync(await client.PostAcceptedAsync(Path, Payload("firing", Group, alert)));

        var incident = await client.IncidentAsync(Assert.Single(incidents));
        Assert.Equal("billing", incident.GetProperty("service").GetString());
        Assert.Equal("SEV2", incident.GetProperty("severity").GetString());
        Assert.Equal("header-too-large", incident.GetProperty("suggestions")[0].GetProperty("cause").GetString());
    }

    [Fact]
    public async Task The_same_alert_again_updates_its_incident_instead_of_opening_another()
    {
        var first = await _client.HandledAsync(await _client.PostAcceptedAsync(Path, Payload("firing", Group, Alert())));
        var again = await _client.HandledAsync(await _client.PostAcceptedAsync(Path, Payload("firing", "another group", Alert())));

        Assert.Equal(first, again);
        Assert.Equal(1, await _client.IncidentCountAsync());
        var incident = await _client.IncidentAsync(first[0]);
        Assert.Contains(incident.Timeline(), entry => entry == ("alert", "Alert: 502s on checkout above 5% still firing."));
    }

    [Fact]
    public async Task A_new_alert_of_the_same_group_joins_the_group_incident()
    {
        var first = await _client.HandledAsync(await _client.PostAcceptedAsync(Path, Payload("firing", Group, Alert())));
        var other = Alert(fingerprint: "99aa", labels: new() { ["alertname"] = "CheckoutErrors", ["service"] = "checkout", ["instance"] = "10.0.3.5" }, annotations: new());
        var joined = await _client.HandledAsync(await _client.PostAcceptedAsync(Path, Payload("firing", Group, Alert(), other)));

        Assert.Equal(first[0], Assert.Single(joined.Distinct()));
        Assert.Equal(1, await _client.IncidentCountAsync());
        var entry = (await _client.IncidentAsync(first[0])).Timeline().Last().Text;
        Assert.Contains("502s on checkout above 5% still firing", entry);
        Assert.Contains("CheckoutErrors firing too", entry);
    }

    [Fact]
    public async Task Resolved_is_written_on_the_timeline_and_leaves_the_incident_open()
    {
        var first = await _client.HandledAsync(await _client.PostAcceptedAsync(Path, Payload("firing", Group, Alert())));
        var resolved = await _client.HandledAsync(await _client.PostAcceptedAsync(Path, Payload("resolved", Group, Alert("resolved"))));

        Assert.Equal(first, resolved);
        var incident = await _client.IncidentAsync(first[0]);
        Assert.Equal("investigating", incident.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, incident.GetProperty("resolvedAt").ValueKind);
        var (kind, text) = incident.Timeline().Last();
        Assert.Equal("alerts-resolved", kind);
        Assert.StartsWith("Alert: 502s on checkout above 5% resolved at 2026-12-02 05:20 UTC.", text);
    }

    [Fact]
    public async Task A_resolved_alert_among_firing_ones_does_not_say_all_resolved()
    {
        var other = Alert(fingerprint: "99aa", alertname: "CheckoutLatency");
        var first = await _client.HandledAsync(await _client.PostAcceptedAsync(Path, Payload("firing", Group, Alert(), other)));
        await _client.HandledAsync(await _client.PostAcceptedAsync(Path, Payload("firing", Group, Alert("resolved"), other)));

        var (kind, text) = (await _client.IncidentAsync(first[0])).Timeline().Last();
        Assert.Equal("alert", kind);
        Assert.Contains("resolved", text);
    }

    [Fact]
    public async Task A_payload_without_alerts_is_accepted()
    {
        var incidents = await _client.HandledAsync(await _client.PostAcceptedAsync(Path, Payload("firing", Group)));

        Assert.Empty(incidents);
    }

    [Fact]
    public async Task A_payload_of_the_wrong_shape_answers_400_naming_each_field()
    {
        var body = new
        {
            version = "3",
            status = "burning",
            alerts = new object[] { new { status = "maybe", labels = new { }, startsAt = "yesterday" }, new { status = "firing", labels = new { team = "web" } } },
        };

        var response = await _client.PostAsJsonAsync(Path, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        foreach (var field in new[] { "version", "status", "alerts[0].status", "alerts[0].labels", "alerts[0].startsAt", "alerts[1].labels.alertname" })
        {
            Assert.True(errors.TryGetProperty(field, out _), $"no error for {field}: {errors}");
        }
        Assert.Equal(0, await _client.IncidentCountAsync());
    }

    [Theory]
    [InlineData("not json", "body")]
    [InlineData("{\"status\": \"firing\", \"alerts\": [{\"status\": \"firing\", \"labels\": {\"alertname\": 5}}]}", "alerts[0].labels.alertname")]
    [InlineData("{\"status\": \"firing\"}", "alerts")]
    public async Task A_body_that_cannot_be_read_answers_400_naming_the_field(string body, string field)
    {
        var response = await _client.PostAsync(Path, new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out _), errors.ToString());
    }

    [Fact]
    public async Task A_payload_over_the_cap_is_refused_with_the_limit()
    {
        var annotations = new Dictionary<string, string> { ["summary"] = "big", ["description"] = new string('x', 2 * 1024 * 1024) };

        var response = await _client.PostAsJsonAsync(Path, Payload("firing", Group, Alert(annotations: annotations)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("can be at most 2,097,152 bytes", body);
    }

    [Fact]
    public async Task Without_a_token_the_webhook_answers_401_and_a_viewer_is_refused()
    {
        var anonymous = await _app.CreateAnonymousClient().PostAsJsonAsync(Path, Payload("firing", Group, Alert()));
        var wrongToken = _app.CreateAnonymousClient();
        wrongToken.DefaultRequestHeaders.Authorization = new("Bearer", "not-a-token-of-this-app");
        var wrong = await wrongToken.PostAsJsonAsync(Path, Payload("firing", Group, Alert()));
        var viewer = await (await _app.SignInAsAsync(Roles.Viewer)).PostAsJsonAsync(Path, Payload("firing", Group, Alert()));

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, viewer.StatusCode);
        Assert.Equal(0, await _client.IncidentCountAsync());
    }
}
