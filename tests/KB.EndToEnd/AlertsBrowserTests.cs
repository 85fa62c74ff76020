using System.Net.Http.Json;
using System.Text.Json;
using KB.EndToEnd.Security;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace KB.EndToEnd;

/// <summary>Alerts from Alertmanager as a responder meets them on the incident page, and the API reference page.</summary>
[ClosesItsPages]
[Collection(PublishedAppCollection.Name)]
public class AlertsBrowserTests(PublishedApp published)
{
    private static object Payload(string status, string fingerprint) => new
    {
        version = "4",
        groupKey = "{}:{alertname=\"ShopBadGateway-" + fingerprint + "\"}",
        status,
        receiver = "502-desk",
        alerts = new[]
        {
            new
            {
                status,
                labels = new Dictionary<string, string> { ["alertname"] = "ShopBadGateway", ["service"] = "shop", ["severity"] = "critical" },
                annotations = new Dictionary<string, string> { ["summary"] = "Shop answers 502 " + fingerprint, ["description"] = "connect() failed (111: Connection refused) while connecting to upstream" },
                startsAt = "2026-12-02T05:00:00Z",
                endsAt = status == "resolved" ? "2026-12-02T05:30:00Z" : "0001-01-01T00:00:00Z",
                fingerprint,
            },
        },
    };

    /// <summary>Posts the payload and waits until the app has handled it; returns the incident it opened or updated.</summary>
    private async Task<int> AlertAsync(string status, string fingerprint)
    {
        using var client = TestAccounts.ApiClient(published.BaseUrl);
        var accepted = await client.PostAsJsonAsync("/api/alerts/alertmanager", Payload(status, fingerprint));
        Assert.Equal(System.Net.HttpStatusCode.Accepted, accepted.StatusCode);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var item = await client.GetFromJsonAsync<JsonElement>(accepted.Headers.Location);
            if (item.GetProperty("status").GetString() == "handled")
            {
                return item.GetProperty("incidents")[0].GetInt32();
            }
            Assert.True(DateTime.UtcNow < deadline, "The alert was not handled within a minute: " + item);
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task After_the_alert_resolves_the_incident_page_offers_to_mark_it_mitigated_and_does()
    {
        var fingerprint = Guid.NewGuid().ToString("N")[..12];
        var id = await AlertAsync("firing", fingerprint);
        var page = await published.NewPageAsync();
        await page.GotoAsync($"/incidents/{id}");
        await page.WaitForInteractivityAsync();
        var offer = page.GetByRole(AriaRole.Region, new() { Name = "Alerts resolved" });
        await Expect(page.Locator(".timeline")).ToContainTextAsync("Opened by Alertmanager");
        await Expect(offer).ToHaveCountAsync(0);

        Assert.Equal(id, await AlertAsync("resolved", fingerprint));

        // The page is live: the alert's timeline entry arrives without a reload, and the offer with it.
        await Expect(offer).ToContainTextAsync("Every alert of this incident has resolved");
        await Expect(page.GetByLabel("Status", new() { Exact = true })).ToContainTextAsync("investigating");
        await offer.GetByRole(AriaRole.Button, new() { Name = "Mark mitigated" }).ClickAsync();

        await Expect(page.GetByLabel("Status", new() { Exact = true })).ToContainTextAsync("mitigated");
        await Expect(offer).ToHaveCountAsync(0);
        using var client = TestAccounts.ApiClient(published.BaseUrl);
        var incident = await client.GetFromJsonAsync<JsonElement>($"/api/incidents/{id}");
        Assert.Equal("mitigated", incident.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, incident.GetProperty("resolvedAt").ValueKind);
    }

    [Fact]
    public async Task The_api_reference_is_linked_from_the_profile_and_shows_the_endpoints_within_the_policy()
    {
        var page = await published.NewPageAsync();
        var violations = await CspTests.RecordViolationsAsync(page);
        await page.GotoAsync("/account/profile");
        await page.WaitForInteractivityAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "API reference" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/api-reference/$"));
        var sidebar = page.GetByRole(AriaRole.Complementary);
        await sidebar.GetByRole(AriaRole.Button, new() { Name = "Open Group - Alerts" }).ClickAsync();
        await Expect(sidebar.GetByRole(AriaRole.Link, new() { Name = "Takes Prometheus Alertmanager's webhook" })).ToBeVisibleAsync();
        await Expect(sidebar.GetByRole(AriaRole.Link, new() { Name = "/api/triage HTTP Method: POST" })).ToBeVisibleAsync();
        // Reports travel from the page asynchronously: give the last ones a moment.
        await page.WaitForTimeoutAsync(500);
        // scalar.js tries eval once and works on when it is refused (the page above rendered): the policy keeps refusing it.
        var others = violations.Where(violation => !violation.StartsWith("script-src refused eval on /api-reference/", StringComparison.Ordinal)).ToList();
        Assert.True(others.Count == 0, "Content-Security-Policy violations:\n" + string.Join('\n', others));
    }
}
