using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace KB.EndToEnd;

/// <summary>The war-room pack as a responder takes it before the network goes: downloaded, then read from disk with no script.</summary>
[ClosesItsPages]
[Collection(PublishedAppCollection.Name)]
public class WarRoomPackBrowserTests(PublishedApp published)
{
    private const string NginxRefused = "2024/05/14 09:12:03 [error] 2817#2817: *1043 connect() failed (111: Connection refused) while connecting to upstream, client: 10.0.0.7, server: shop.example.com, request: \"GET /cart HTTP/1.1\", upstream: \"http://10.0.3.12:8080/cart\", host: \"shop.example.com\"";
    private const string FirstStep = "Copy the upstream address from the error line";
    private const string SecondStep = "Curl it from the proxy host";
    private const string FilledCommand = "curl -sv -o /dev/null --connect-timeout 5 http://10.0.3.12:8080/healthz";

    [Fact]
    public async Task The_downloaded_pack_shows_the_ticked_checklist_with_javascript_off_and_no_network()
    {
        using var client = TestAccounts.ApiClient();
        var created = await client.PostAsJsonAsync(published.BaseUrl + "/api/incidents", new { title = "Cart answers 502", service = "cart", severity = "SEV2", errorLog = NginxRefused, cause = "upstream-down" });
        created.EnsureSuccessStatusCode();
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();

        var page = await published.NewPageAsync(375, 812, signedIn: false);
        await TestAccounts.SignInAsUserAsync(page, published.BaseUrl, "Grace");
        await page.GotoAsync($"/incidents/{id}");
        await page.WaitForInteractivityAsync();
        await page.GetByRole(AriaRole.Checkbox, new() { Name = FirstStep }).CheckAsync();
        await Expect(page.Locator(".checklist li").First).ToContainTextAsync("Grace"); // saved, not only ticked on screen

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Download war-room pack (offline HTML)" }).ClickAsync());
        Assert.Equal($"incident-{id}-war-room.html", download.SuggestedFilename);
        var file = Path.Combine(Path.GetTempPath(), $"kb-pack-{Guid.NewGuid():N}.html");
        await download.SaveAsAsync(file);
        try
        {
            var offline = await published.Browser.NewContextAsync(new BrowserNewContextOptions { JavaScriptEnabled = false, Offline = true, ViewportSize = new ViewportSize { Width = 375, Height = 812 } });
            var pack = await offline.NewPageAsync();
            await pack.GotoAsync(new Uri(file).AbsoluteUri);

            await Expect(pack.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"#{id} Cart answers 502");
            await Expect(pack.GetByRole(AriaRole.Checkbox, new() { Name = FirstStep })).ToBeCheckedAsync();
            await Expect(pack.GetByRole(AriaRole.Checkbox, new() { Name = SecondStep })).Not.ToBeCheckedAsync();
            await Expect(pack.Locator("#checklist pre.command").GetByText(FilledCommand, new() { Exact = true })).ToBeVisibleAsync();
            await Expect(pack.Locator("#checklist")).ToContainTextAsync("Done by Grace");

            await pack.GetByRole(AriaRole.Navigation, new() { Name = "In this pack" }).GetByRole(AriaRole.Link, new() { Name = "Diagnostic: Listeners and connection states with ss and netstat" }).ClickAsync();
            await Expect(pack).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("#article-check-listeners$"));
            await Expect(pack.GetByRole(AriaRole.Heading, new() { Name = "Diagnostic: Listeners and connection states with ss and netstat" })).ToBeInViewportAsync();
            Assert.Equal(0, await pack.HorizontalOverflowAsync());
        }
        finally
        {
            File.Delete(file);
        }
    }
}
