using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace KB.EndToEnd;

/// <summary>The values read from a paste into the commands: where each came from, and a responder's correction.</summary>
[ClosesItsPages]
[Collection(PublishedAppCollection.Name)]
public class CommandValuesBrowserTests(PublishedApp published)
{
    private const string NginxRefused = "2024/05/14 09:12:03 [error] 2817#2817: *1043 connect() failed (111: Connection refused) while connecting to upstream, client: 10.0.0.7, server: shop.example.com, request: \"GET /cart HTTP/1.1\", upstream: \"http://10.0.3.12:8080/cart\", host: \"shop.example.com\"";
    private const string CorrectedCurl = "curl -sv -o /dev/null --connect-timeout 5 http://10.0.3.99:8080/healthz";

    private static ILocator UpstreamField(IPage page) =>
        page.GetByRole(AriaRole.Region, new() { Name = "Values in the commands" }).GetByLabel("upstream", new() { Exact = true });

    private static async Task CopyAsync(IPage page, string command)
    {
        var copy = page.GetByRole(AriaRole.Button, new() { Name = $"Copy command: {command}" }).First;
        await copy.ClickAsync();
        await Expect(copy).ToContainTextAsync("Copied");
        Assert.Equal(command, await page.EvaluateAsync<string>("() => navigator.clipboard.readText()"));
    }

    [Fact]
    public async Task On_triage_a_value_names_its_line_and_a_correction_goes_into_the_command_and_its_copy()
    {
        var page = await published.NewPageAsync();
        await page.GotoAsync("/triage");
        await page.WaitForInteractivityAsync();

        await page.GetByLabel("Log lines").FillAsync("10.0.0.7 - - [14/May/2024:09:12:02 +0000] \"GET /health HTTP/1.1\" 200 2 \"-\" \"kube-probe/1.29\"\n" + NginxRefused);

        var values = page.GetByRole(AriaRole.Region, new() { Name = "Values in the commands" });
        await Expect(UpstreamField(page)).ToHaveValueAsync("10.0.3.12:8080");
        await Expect(values).ToContainTextAsync("from line 2: 2024/05/14 09:12:03 [error]");

        await UpstreamField(page).FillAsync("10.0.3.99:8080");

        await Expect(page.Locator(".first-steps .step-command code", new() { HasText = CorrectedCurl }).First).ToBeVisibleAsync();
        await Expect(values).ToContainTextAsync("corrected");
        await CopyAsync(page, CorrectedCurl);
    }

    [Fact]
    public async Task A_value_corrected_on_an_incident_shows_at_once_in_another_responders_browser()
    {
        using var client = TestAccounts.ApiClient();
        var created = await client.PostAsJsonAsync(published.BaseUrl + "/api/incidents", new { title = "Cart answers 502", service = "cart", severity = "SEV2", cause = "upstream-down", errorLog = NginxRefused });
        created.EnsureSuccessStatusCode();
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        var judy = await ResponderAsync("Judy");
        var karl = await ResponderAsync("Karl");
        foreach (var page in new[] { judy, karl })
        {
            await page.GotoAsync($"/incidents/{id}");
            await page.WaitForInteractivityAsync();
            await Expect(UpstreamField(page)).ToHaveValueAsync("10.0.3.12:8080");
        }
        await Expect(karl.GetByRole(AriaRole.Region, new() { Name = "Values in the commands" })).ToContainTextAsync("from line 1: 2024/05/14 09:12:03 [error]");

        await UpstreamField(judy).FillAsync("10.0.3.99:8080");
        await UpstreamField(judy).PressAsync("Tab");

        await Expect(judy.GetByText("Saved", new() { Exact = true })).ToBeVisibleAsync();
        await Expect(karl.Locator(".checklist .step-command code", new() { HasText = CorrectedCurl })).ToBeVisibleAsync();
        await Expect(UpstreamField(karl)).ToHaveValueAsync("10.0.3.99:8080");
        await Expect(karl.GetByRole(AriaRole.Region, new() { Name = "Values in the commands" })).ToContainTextAsync("corrected by Judy");
        await Expect(karl.GetByText("Judy: Value upstream corrected: 10.0.3.12:8080 → 10.0.3.99:8080")).ToBeVisibleAsync();
        await CopyAsync(karl, CorrectedCurl);
    }

    private async Task<IPage> ResponderAsync(string name)
    {
        var page = await published.NewPageAsync(signedIn: false);
        await TestAccounts.SignInAsUserAsync(page, published.BaseUrl, name);
        return page;
    }
}
