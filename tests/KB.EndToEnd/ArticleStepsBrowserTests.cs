using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace KB.EndToEnd;

/// <summary>
/// A step a responder adds during an incident, in Chromium, on an app of its own with review required: another responder
/// sees it arrive live, it is proposed for the cause article, and an editor finds the proposal on the Reviews page.
/// </summary>
[ClosesItsPages]
[Collection(PublishedAppCollection.Name)]
public sealed class ArticleStepsBrowserTests(PublishedApp published) : IAsyncLifetime
{
    private const string Step = "Check the upstream connection pool with ss -s";

    private ReviewRequiredApp _app = null!;

    public async Task InitializeAsync() => _app = await ReviewRequiredApp.StartAsync(published);

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<IPage> ResponderAsync(string name)
    {
        var page = await (await published.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = _app.BaseUrl })).NewPageAsync();
        await TestAccounts.SignInAsUserAsync(page, _app.BaseUrl, name);
        return page;
    }

    [Fact]
    public async Task A_step_added_by_one_responder_shows_live_for_another_and_its_proposal_reaches_the_reviews_page()
    {
        using var client = TestAccounts.ApiClient(_app.BaseUrl);
        var created = await client.PostAsJsonAsync("/api/incidents", new { title = "Checkout answers 502", service = "checkout-api", severity = "SEV2", cause = "upstream-down" });
        created.EnsureSuccessStatusCode();
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        var ana = await ResponderAsync("Ana Adder");
        var ben = await ResponderAsync("Ben Watcher");
        foreach (var page in new[] { ana, ben })
        {
            await page.GotoAsync($"/incidents/{id}");
            await page.WaitForInteractivityAsync();
        }

        await ana.GetByLabel("New step").FillAsync(Step);
        await ana.GetByRole(AriaRole.Button, new() { Name = "Add step" }).ClickAsync();

        await Expect(ben.GetByRole(AriaRole.Checkbox, new() { Name = Step })).ToBeVisibleAsync();
        await Expect(ben.Locator(".checklist li").Last.Locator(".added-by")).ToHaveTextAsync("Added by Ana Adder");
        await Expect(ben.GetByText($"Ana Adder added step 7: {Step}")).ToBeVisibleAsync();
        await Expect(ana.GetByLabel("New step")).ToHaveValueAsync("");

        await ana.GetByRole(AriaRole.Button, new() { Name = "Propose for the article" }).ClickAsync();
        var dialog = ana.GetByRole(AriaRole.Dialog);
        await Expect(dialog.Locator(".diff ins", new() { HasText = $"- [ ] {Step}" })).ToBeVisibleAsync();
        await Expect(dialog.GetByLabel("Checklist section")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex(@"\{\{upstream:10\.1\.2\.3:8080\}\}"));
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Send for review" }).ClickAsync();
        await Expect(ana.Locator(".mud-snackbar").Filter(new() { HasText = "Proposed for review" })).ToBeVisibleAsync();
        await Expect(ana.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);

        var editor = await (await TestAccounts.AdminContextAsync(published.Browser, new BrowserNewContextOptions { BaseURL = _app.BaseUrl })).NewPageAsync();
        await editor.GotoAsync("/reviews");
        await editor.WaitForInteractivityAsync();
        var proposal = editor.GetByRole(AriaRole.Region, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Proposal \\d+") });
        await Expect(proposal).ToContainTextAsync($"Proposed by Ana Adder");
        await Expect(proposal).ToContainTextAsync($"Steps and notes from incident #{id}: Checkout answers 502");
        await Expect(proposal.Locator(".diff ins", new() { HasText = $"- [ ] {Step}" })).ToBeVisibleAsync();
    }
}
