using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace KB.Tests.Alerts;

/// <summary>Alertmanager payloads as Alertmanager writes them, and the client side of the alert webhooks.</summary>
public static class AlertPayloads
{
    public const string RefusedLog = "2026/12/02 05:01:07 [error] 31#31: *9 connect() failed (111: Connection refused) while connecting to upstream, client: 10.0.0.7, server: shop.example, upstream: \"http://10.0.3.4:8080/cart\"";

    public static object Alert(string status = "firing", string fingerprint = "3f1c2a9b8d7e6f50", string alertname = "CheckoutErrors",
        Dictionary<string, string>? labels = null, Dictionary<string, string>? annotations = null) => new
        {
            status,
            labels = labels ?? new Dictionary<string, string> { ["alertname"] = alertname, ["service"] = "checkout", ["severity"] = "critical", ["job"] = "nginx" },
            annotations = annotations ?? new Dictionary<string, string>
            {
                ["summary"] = "502s on checkout above 5%",
                ["description"] = "nginx answers 502 for /cart: " + RefusedLog,
            },
            startsAt = "2026-12-02T05:00:00.123456789Z",
            endsAt = status == "resolved" ? "2026-12-02T05:20:00Z" : "0001-01-01T00:00:00Z",
            generatorURL = "http://prometheus.example:9090/graph?g0.expr=rate",
            fingerprint,
        };

    public static object Payload(string status, string groupKey, params object[] alerts) => new
    {
        version = "4",
        groupKey,
        truncatedAlerts = 0,
        status,
        receiver = "502-desk",
        groupLabels = new { alertname = "CheckoutErrors" },
        commonLabels = new { alertname = "CheckoutErrors" },
        commonAnnotations = new { },
        externalURL = "http://alertmanager.example:9093",
        alerts,
    };

    /// <summary>Posts and returns the inbox item's address after checking the 202.</summary>
    public static async Task<string> PostAcceptedAsync(this HttpClient client, string path, object body)
    {
        var response = await client.PostAsJsonAsync(path, body);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return response.Headers.Location!.OriginalString;
    }

    /// <summary>Waits until the processor has handled the inbox item, and returns the incidents it touched.</summary>
    public static async Task<int[]> HandledAsync(this HttpClient client, string inboxItem)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var item = JsonDocument.Parse(await client.GetStringAsync(inboxItem)).RootElement;
            var status = item.GetProperty("status").GetString();
            if (status == "handled")
            {
                return item.GetProperty("incidents").EnumerateArray().Select(id => id.GetInt32()).ToArray();
            }
            Assert.True(status == "pending", $"The payload failed: {item.GetProperty("problem")}");
            Assert.True(DateTime.UtcNow < deadline, "The payload was not handled within a minute.");
            await Task.Delay(50);
        }
    }

    public static async Task<JsonElement> IncidentAsync(this HttpClient client, int id) =>
        JsonDocument.Parse(await client.GetStringAsync($"/api/incidents/{id}")).RootElement;

    public static async Task<int> IncidentCountAsync(this HttpClient client) =>
        JsonDocument.Parse(await client.GetStringAsync("/api/incidents")).RootElement.GetArrayLength();

    public static IEnumerable<(string Kind, string Text)> Timeline(this JsonElement incident) =>
        incident.GetProperty("timeline").EnumerateArray().Select(entry => (entry.GetProperty("kind").GetString()!, entry.GetProperty("text").GetString()!));
}
