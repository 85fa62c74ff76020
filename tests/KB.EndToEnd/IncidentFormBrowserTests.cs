using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace KB.EndToEnd;

/// <summary>The new-incident form before its circuit is live: a click is never swallowed.</summary>
[ClosesItsPages]
[Collection(PublishedAppCollection.Name)]
public class IncidentFormBrowserTests(PublishedApp published)
{
    [Fact]
    public async Task Log_incident_clicked_as_soon_as_the_page_shows_is_not_lost()
    {
        var page = await published.NewPageAsync(signedIn: false);
        await TestAccounts.SignInAsUserAsync(page, published.BaseUrl, "Early " + Guid.NewGuid().ToString("N")[..6]);

        // No waiting for the circuit: the first HTML is there, and the button in it is disabled until the page is live.
        await page.GotoAsync("/incidents/new", new() { WaitUntil = WaitUntilState.Commit });
        var logIncident = page.GetByRole(AriaRole.Button, new() { Name = "Log incident" });
        await logIncident.ClickAsync();
        await Expect(page.GetByText("Give the incident a title")).ToBeVisibleAsync();

        var title = $"Early click {Guid.NewGuid():N}"[..24];
        await page.GetByLabel("Title").FillAsync(title);
        await page.GetByLabel("Service").FillAsync("web");
        await logIncident.ClickAsync();

        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex(@"/incidents/\d+$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(title);
        using var client = TestAccounts.ApiClient();
        var incidents = await client.GetFromJsonAsync<JsonElement>(published.BaseUrl + "/api/incidents?pageSize=200");
        Assert.Contains(incidents.EnumerateArray(), incident => incident.GetProperty("title").GetString() == title);
    }
}
