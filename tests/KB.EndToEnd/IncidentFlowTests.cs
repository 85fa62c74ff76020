using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace KB.EndToEnd;

[ClosesItsPages]
[Collection(PublishedAppCollection.Name)]
public class IncidentFlowTests(PublishedApp published)
{
    private const string NginxRefused = "2024/05/14 09:12:03 [error] 2817#2817: *1043 connect() failed (111: Connection refused) while connecting to upstream, client: 10.0.0.7, server: shop.example.com, request: \"GET /cart HTTP/1.1\", upstream: \"http://10.0.3.12:8080/cart\", host: \"shop.example.com\"";


    private async Task<IPage> ResponderAsync(string name, int width = 1280, int height = 900)
    {
        var page = await published.NewPageAsync(width, height, signedIn: false);
        await TestAccounts.SignInAsUserAsync(page, published.BaseUrl, name);
        return page;
    }

    private async Task<int> IncidentCountAsync()
    {
        using var client = TestAccounts.ApiClient();
        return (await client.GetFromJsonAsync<JsonElement>(published.BaseUrl + "/api/incidents?pageSize=200")).GetArrayLength();
    }

    [Fact]
    public async Task Responders_log_work_and_resolve_an_incident_together()
    {
        var alice = await ResponderAsync("Alice");
        await alice.GotoAsync("/incidents/new");
        await alice.WaitForInteractivityAsync();

        // An empty form is refused, and nothing is saved.
        var before = await IncidentCountAsync();
        await alice.GetByRole(AriaRole.Button, new() { Name = "Log incident" }).ClickAsync();
        await Expect(alice.GetByText("Give the incident a title")).ToBeVisibleAsync();
        await Expect(alice.GetByText("Name the service that answers 502.")).ToBeVisibleAsync();
        Assert.EndsWith("/incidents/new", alice.Url);
        Assert.Equal(before, await IncidentCountAsync());

        // The form filled with a pasted nginx line suggests the cause.
        var title = $"502s on checkout {Guid.NewGuid():N}"[..30];
        await alice.GetByLabel("Title").FillAsync(title);
        await alice.GetByLabel("Service").FillAsync("checkout-api");
        await alice.ChooseAsync("Severity", "SEV2 · major, many users");
        await alice.GetByLabel("Error log excerpt").FillAsync(NginxRefused);
        var suggestions = alice.GetByRole(AriaRole.Region, new() { Name = "Suggested causes" });
        await Expect(suggestions).ToContainTextAsync("Upstream refuses connections");
        await suggestions.GetByRole(AriaRole.Button, new() { Name = "Use this cause" }).First.ClickAsync();
        await Expect(alice.GetByLabel("Cause", new() { Exact = true })).ToHaveValueAsync("Upstream refuses connections (nothing listening / service down)");
        await alice.GetByRole(AriaRole.Button, new() { Name = "Log incident" }).ClickAsync();
        await alice.WaitForURLAsync("**/incidents/*");
        await alice.WaitForInteractivityAsync();
        await Expect(alice.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(title);
        await Expect(alice.GetByLabel("Status", new() { Exact = true })).ToHaveTextAsync("identified");
        var incidentUrl = alice.Url;

        // Bob opens the same incident in another browser.
        var bob = await ResponderAsync("Bob");
        await bob.GotoAsync(incidentUrl);
        await bob.WaitForInteractivityAsync();

        // Alice ticks the first step; Bob sees it ticked without reloading.
        var stepName = (await alice.Locator(".checklist label").First.InnerTextAsync()).Trim();
        await alice.GetByRole(AriaRole.Checkbox, new() { Name = stepName }).CheckAsync();
        await Expect(bob.GetByRole(AriaRole.Checkbox, new() { Name = stepName })).ToBeCheckedAsync(new() { Timeout = 5000 });
        await Expect(bob.Locator(".timeline")).ToContainTextAsync("Ticked");
        await Expect(bob.Locator(".checklist li").First).ToContainTextAsync("Alice");

        // Bob adds a note; Alice sees it.
        await bob.GetByLabel("Note", new() { Exact = true }).FillAsync("Restarted the pod on node-3");
        await bob.GetByRole(AriaRole.Button, new() { Name = "Add note" }).ClickAsync();
        await Expect(alice.Locator(".timeline")).ToContainTextAsync("Restarted the pod on node-3");

        // Alice resolves it, naming the step that fixed it; Bob sees the status change.
        await alice.GetByRole(AriaRole.Button, new() { Name = "Resolve", Exact = true }).ClickAsync();
        await alice.GetByLabel("What fixed it").FillAsync("Restarted the upstream; it listens again.");
        await alice.PickAsync("Step that fixed it", 1);
        await alice.GetByRole(AriaRole.Button, new() { Name = "Resolve incident" }).ClickAsync();
        await Expect(alice.GetByLabel("Status", new() { Exact = true })).ToHaveTextAsync("resolved");
        await Expect(bob.GetByLabel("Status", new() { Exact = true })).ToHaveTextAsync("resolved");

        // The postmortem is exported as Markdown.
        var download = await alice.RunAndWaitForDownloadAsync(() => alice.GetByRole(AriaRole.Link, new() { Name = "Export postmortem (Markdown)" }).ClickAsync());
        var markdown = await File.ReadAllTextAsync(await download.PathAsync());
        Assert.StartsWith($"# Postmortem: {title}", markdown);
        Assert.Contains("Restarted the upstream; it listens again.", markdown);
        Assert.Contains("The step that fixed it:", markdown);
        Assert.Contains("| Bob | note: Restarted the pod on node-3 |", markdown);

        foreach (var (page, width) in new[] { (alice, 1280), (await ResponderAsync("Carol", 375, 812), 375) })
        {
            await page.GotoAsync(incidentUrl);
            await page.WaitForInteractivityAsync();
            await page.ScreenshotAsync(new() { Path = Repository.ScreenshotPath($"incident-{width}.png"), FullPage = true });
            var overflow = await page.HorizontalOverflowAsync();
            Assert.True(overflow <= 0, $"the incident page is {overflow}px wider than a {width}px screen");
        }
    }

    [Fact]
    public async Task Open_an_incident_from_triage_carries_the_pasted_lines_and_the_cause()
    {
        var page = await ResponderAsync("Dana");
        await page.GotoAsync("/triage");
        await page.WaitForInteractivityAsync();
        await page.GetByLabel("Log lines").FillAsync(NginxRefused);
        await page.GetByRole(AriaRole.Link, new() { Name = "Open an incident with this cause" }).First.ClickAsync();

        await page.WaitForURLAsync("**/incidents/new?cause=upstream-down");
        await page.WaitForInteractivityAsync();
        await Expect(page.GetByLabel("Error log excerpt")).ToHaveValueAsync(NginxRefused);
        await Expect(page.GetByLabel("Cause", new() { Exact = true })).ToHaveValueAsync("Upstream refuses connections (nothing listening / service down)");
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Suggested causes" })).ToContainTextAsync("Upstream refuses connections");
    }

    [Theory]
    [InlineData(1280, 900)]
    [InlineData(375, 812)]
    public async Task Incident_pages_fit_the_screen_and_are_saved_as_screenshots(int width, int height)
    {
        using (var client = TestAccounts.ApiClient())
        {
            foreach (var (title, service, cause) in new[] { ("Checkout answers 502", "checkout-api", "upstream-down"), ("Search times out behind the ALB", "search", "upstream-timeout") })
            {
                (await client.PostAsJsonAsync(published.BaseUrl + "/api/incidents", new { title, service, severity = "SEV2", cause, errorLog = NginxRefused })).EnsureSuccessStatusCode();
            }
        }
        var page = await ResponderAsync("Erin", width, height);
        foreach (var (path, name) in new[] { ("/incidents/new", "incident-new"), ("/incidents", "incidents"), ("/", "dashboard") })
        {
            await page.GotoAsync(path);
            await page.ScreenshotAsync(new() { Path = Repository.ScreenshotPath($"{name}-{width}.png"), FullPage = true });
            var overflow = await page.HorizontalOverflowAsync();
            Assert.True(overflow <= 0, $"{path} is {overflow}px wider than a {width}px screen");
        }
    }
}
