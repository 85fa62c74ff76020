using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace KB.EndToEnd;

/// <summary>The incident page as a responder works it during an outage, on a phone and beside another responder.</summary>
[ClosesItsPages]
[Collection(PublishedAppCollection.Name)]
public class IncidentPageBrowserTests(PublishedApp published)
{
    private const string FirstStep = "Copy the upstream address from the error line";
    private const string SecondStep = "Curl it from the proxy host";
    private const string SecondCommand = "curl -sv -o /dev/null --connect-timeout 5 http://10.1.2.3:8080/healthz";

    private async Task<int> CreateIncidentAsync()
    {
        using var client = TestAccounts.ApiClient();
        var created = await client.PostAsJsonAsync(published.BaseUrl + "/api/incidents", new { title = "Checkout answers 502", service = "checkout-api", severity = "SEV1", cause = "upstream-down" });
        created.EnsureSuccessStatusCode();
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
    }

    private async Task<JsonElement> ChecklistAsync(int id)
    {
        using var client = TestAccounts.ApiClient();
        return (await client.GetFromJsonAsync<JsonElement>($"{published.BaseUrl}/api/incidents/{id}")).GetProperty("checklist");
    }

    private async Task<IPage> ResponderAsync(string name, int width = 1280, int height = 900)
    {
        var page = await published.NewPageAsync(width, height, signedIn: false);
        await TestAccounts.SignInAsUserAsync(page, published.BaseUrl, name);
        return page;
    }

    [Fact]
    public async Task On_a_phone_the_next_step_and_its_command_come_first_and_move_on_after_a_tick()
    {
        var id = await CreateIncidentAsync();
        var phone = await ResponderAsync("Frank", 375, 812);
        await phone.GotoAsync($"/incidents/{id}");
        await phone.WaitForInteractivityAsync();

        var card = phone.GetByRole(AriaRole.Region, new() { Name = "Next step" });
        await Expect(card).ToContainTextAsync(FirstStep);
        var title = await phone.GetByRole(AriaRole.Heading, new() { Level = 1 }).BoundingBoxAsync();
        var cardBox = await card.BoundingBoxAsync();
        var checklist = await phone.GetByRole(AriaRole.Region, new() { Name = "Fix checklist" }).BoundingBoxAsync();
        var statusActions = await phone.GetByRole(AriaRole.Region, new() { Name = "Status actions" }).BoundingBoxAsync();
        Assert.True(cardBox!.Y > title!.Y, "the next step card sits under the title");
        Assert.True(cardBox.Y < statusActions!.Y && cardBox.Y < checklist!.Y, "the next step card comes before the status actions and the checklist");
        await AssertInFirstScreenAsync(phone, card.Locator(".step-command code").First);
        await AssertInFirstScreenAsync(phone, card.GetByRole(AriaRole.Button, new() { Name = "Copy command:" }).First);

        await phone.GetByRole(AriaRole.Checkbox, new() { Name = FirstStep }).CheckAsync();

        await Expect(card).ToContainTextAsync(SecondStep);
        var command = card.Locator(".step-command code");
        await Expect(command).ToHaveTextAsync(SecondCommand);
        await AssertInFirstScreenAsync(phone, command);

        await card.GetByRole(AriaRole.Button, new() { Name = $"Copy command: {SecondCommand}" }).ClickAsync();
        await Expect(card.GetByRole(AriaRole.Button, new() { Name = $"Copy command: {SecondCommand}" })).ToContainTextAsync("Copied");
        Assert.Equal(SecondCommand, await phone.EvaluateAsync<string>("() => navigator.clipboard.readText()"));

        await card.GetByRole(AriaRole.Button, new() { Name = "Mark step 2 done" }).ClickAsync();
        await Expect(phone.GetByRole(AriaRole.Checkbox, new() { Name = SecondStep })).ToBeCheckedAsync();
        await Expect(card).ToContainTextAsync("Step 3 of 6");

        // Nothing in the cause card, its select's clear button included, reaches past the card's edge.
        var overflowing = await phone.GetByRole(AriaRole.Region, new() { Name = "Cause" }).EvaluateAsync<string[]>(
            "panel => { const edge = panel.getBoundingClientRect().right; return [...panel.querySelectorAll('*')].filter(e => e.getBoundingClientRect().right > edge + 0.5).map(e => e.outerHTML.slice(0, 120)); }");
        Assert.Empty(overflowing);
        Assert.True(await phone.HorizontalOverflowAsync() <= 0, "the incident page is wider than the phone");
    }

    private static async Task AssertInFirstScreenAsync(IPage page, ILocator element)
    {
        var box = await element.BoundingBoxAsync();
        var viewport = page.ViewportSize!;
        Assert.NotNull(box);
        Assert.True(box.Y >= 0 && box.Y + box.Height <= viewport.Height && box.X + box.Width <= viewport.Width,
            $"{await element.TextContentAsync()} is at ({box.X}, {box.Y}) size {box.Width}x{box.Height}, outside the first {viewport.Width}x{viewport.Height} screen");
    }

    [Fact]
    public async Task A_tick_clicked_as_soon_as_the_page_shows_is_saved()
    {
        var id = await CreateIncidentAsync();
        var page = await ResponderAsync("Grace");

        var response = await page.GotoAsync($"/incidents/{id}");
        await page.GetByRole(AriaRole.Checkbox, new() { Name = FirstStep }).ClickAsync();

        // The page as the server first sends it, before the live connection: the checkbox is off, so no click is lost.
        var firstHtml = await response!.TextAsync();
        Assert.Matches("<input[^>]*type=\"checkbox\"[^>]*disabled", firstHtml);
        await Expect(page.GetByRole(AriaRole.Checkbox, new() { Name = FirstStep })).ToBeCheckedAsync();
        var saved = false;
        for (var waited = 0; !saved && waited < 15_000; waited += 200)
        {
            saved = (await ChecklistAsync(id))[0].GetProperty("done").GetBoolean();
            if (!saved)
            {
                await Task.Delay(200);
            }
        }
        Assert.True(saved, "the tick made as the page showed was not saved");
    }

    [Fact]
    public async Task Another_responders_tick_is_announced_and_ones_own_only_says_saved()
    {
        var id = await CreateIncidentAsync();
        var alice = await ResponderAsync("Heidi");
        var bob = await ResponderAsync("Ivan");
        foreach (var page in new[] { alice, bob })
        {
            await page.GotoAsync($"/incidents/{id}");
            await page.WaitForInteractivityAsync();
        }

        await bob.GetByRole(AriaRole.Checkbox, new() { Name = SecondStep }).CheckAsync();

        await Expect(alice.GetByText($"Ivan ticked step 2: {SecondStep}")).ToBeVisibleAsync();
        await Expect(alice.GetByRole(AriaRole.Checkbox, new() { Name = SecondStep })).ToBeCheckedAsync();
        await Expect(bob.GetByText("Saved", new() { Exact = true })).ToBeVisibleAsync();
        await Expect(bob.GetByText("Ivan ticked step 2")).ToHaveCountAsync(0);

        // Reopening a resolved incident asks first; cancelling keeps it resolved.
        await alice.GetByRole(AriaRole.Button, new() { Name = "Resolve", Exact = true }).ClickAsync();
        await alice.GetByLabel("What fixed it").FillAsync("Restarted the upstream.");
        await alice.GetByRole(AriaRole.Button, new() { Name = "Resolve incident" }).ClickAsync();
        await Expect(alice.GetByLabel("Status", new() { Exact = true })).ToHaveTextAsync("resolved");
        await Expect(bob.GetByText("Heidi: Status identified → resolved")).ToBeVisibleAsync();
        await bob.GetByRole(AriaRole.Button, new() { Name = "Reopen", Exact = true }).ClickAsync();
        await bob.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        await Expect(bob.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);
        await Expect(bob.GetByLabel("Status", new() { Exact = true })).ToHaveTextAsync("resolved");
        await bob.GetByRole(AriaRole.Button, new() { Name = "Reopen", Exact = true }).ClickAsync();
        await bob.GetByRole(AriaRole.Button, new() { Name = "Reopen incident" }).ClickAsync();
        await Expect(bob.GetByLabel("Status", new() { Exact = true })).ToHaveTextAsync("investigating");
        await Expect(alice.GetByLabel("Status", new() { Exact = true })).ToHaveTextAsync("investigating");
    }
}
