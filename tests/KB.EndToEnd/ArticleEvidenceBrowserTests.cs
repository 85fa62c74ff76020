using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace KB.EndToEnd;

[ClosesItsPages]
[Collection(PublishedAppCollection.Name)]
public class ArticleEvidenceBrowserTests(PublishedApp published)
{
    [Fact]
    public async Task Resolving_an_incident_naming_its_fixing_step_verifies_the_cause_article()
    {
        int id;
        using (var client = TestAccounts.ApiClient())
        {
            var response = await client.PostAsJsonAsync(published.BaseUrl + "/api/incidents", new { title = "Handshake fails to the origin", service = "payments", severity = "SEV2", cause = "tls-upstream" });
            response.EnsureSuccessStatusCode();
            id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        }
        var page = await published.NewPageAsync();
        await page.GotoAsync($"/incidents/{id}");
        await page.WaitForInteractivityAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Resolve", Exact = true }).ClickAsync();
        await page.GetByLabel("What fixed it").FillAsync("Renewed the origin's certificate.");
        await page.PickAsync("Step that fixed it", 1);
        await page.GetByRole(AriaRole.Button, new() { Name = "Resolve incident" }).ClickAsync();
        await Expect(page.GetByLabel("Status", new() { Exact = true })).ToHaveTextAsync("resolved");

        await page.GotoAsync("/kb/tls-upstream");
        await page.WaitForInteractivityAsync();
        var verification = page.GetByRole(AriaRole.Status, new() { Name = "Verification" });
        await Expect(verification).ToHaveTextAsync($"Last verified by incident #{id}, today");
        await Expect(verification.GetByRole(AriaRole.Link, new() { Name = $"incident #{id}" })).ToHaveAttributeAsync("href", $"/incidents/{id}");
        await Expect(page.Locator(".cause-record")).ToContainTextAsync("Fixed most often by");

        // The reader says it helped: one click, and the answer shows as given.
        await page.GetByRole(AriaRole.Button, new() { Name = "Yes, it helped" }).ClickAsync();
        await Expect(page.GetByText("Thanks: you said it helped.")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Yes, it helped" })).ToHaveAttributeAsync("aria-pressed", "true");
    }
}
