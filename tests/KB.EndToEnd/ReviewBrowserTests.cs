using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace KB.EndToEnd;

/// <summary>
/// Review before publish in Chromium, on an app of its own with KB:Editing:RequireReview on: one editor proposes a
/// change, another approves it, and only then does the article show it.
/// </summary>
[ClosesItsPages]
[Collection(PublishedAppCollection.Name)]
public sealed class ReviewBrowserTests(PublishedApp published) : IAsyncLifetime
{
    private const string Slug = "failure-testing";

    private ReviewRequiredApp _app = null!;

    public async Task InitializeAsync() => _app = await ReviewRequiredApp.StartAsync(published);

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_change_proposed_by_one_editor_is_published_when_another_approves_it()
    {
        var author = await (await TestAccounts.AdminContextAsync(published.Browser, new BrowserNewContextOptions { BaseURL = _app.BaseUrl })).NewPageAsync();
        await author.GotoAsync($"/kb/{Slug}/edit");
        await author.WaitForInteractivityAsync();
        var markdown = author.GetByLabel("Markdown");
        await markdown.FillAsync(await markdown.InputValueAsync() + "\n\nCanary zebras test the fallback path.\n");
        await author.GetByRole(AriaRole.Button, new() { Name = "Save article" }).ClickAsync();

        await author.WaitForURLAsync($"**/kb/{Slug}");
        await Expect(author.Locator(".mud-snackbar").Filter(new() { HasText = "Proposed for review" })).ToBeVisibleAsync();
        await Expect(author.Locator(".article-body")).Not.ToContainTextAsync("Canary zebras");

        var reviewer = await (await published.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = _app.BaseUrl })).NewPageAsync();
        await TestAccounts.SignInAsUserAsync(reviewer, _app.BaseUrl, "Bea Reviewer", "Editor");
        await reviewer.GetByRole(AriaRole.Link, new() { Name = "Reviews" }).ClickAsync();
        await reviewer.WaitForURLAsync("**/reviews");
        await reviewer.WaitForInteractivityAsync();
        var proposal = reviewer.GetByRole(AriaRole.Region, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Proposal \\d+") });
        await Expect(proposal.Locator(".diff ins", new() { HasText = "Canary zebras test the fallback path." })).ToBeVisibleAsync();
        await proposal.GetByRole(AriaRole.Button, new() { Name = "Approve and publish" }).ClickAsync();
        await Expect(reviewer.GetByText("Nothing is waiting for review.")).ToBeVisibleAsync();

        await author.GotoAsync($"/kb/{Slug}");
        await Expect(author.Locator(".article-body")).ToContainTextAsync("Canary zebras test the fallback path.");
    }
}
