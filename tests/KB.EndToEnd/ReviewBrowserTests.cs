using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace KB.EndToEnd;

/// <summary>
/// Review before publish in Chromium, on an app of its own with KB:Editing:RequireReview on: one editor proposes a
/// change or a new article, another approves it, and only then does the article show it or search find it.
/// </summary>
[ClosesItsPages]
[Collection(PublishedAppCollection.Name)]
public sealed class ReviewBrowserTests(PublishedApp published) : IAsyncLifetime
{
    private const string Slug = "failure-testing";
    private const string NewSlug = "read-the-gizmo-proxy-logs";

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

    [Fact]
    public async Task An_article_one_editor_writes_is_found_by_search_once_another_approves_it()
    {
        var author = await (await TestAccounts.AdminContextAsync(published.Browser, new BrowserNewContextOptions { BaseURL = _app.BaseUrl })).NewPageAsync();
        await author.GotoAsync("/kb");
        await author.WaitForInteractivityAsync();
        await author.GetByRole(AriaRole.Main).GetByRole(AriaRole.Link, new() { Name = "New article" }).ClickAsync();
        await author.WaitForURLAsync("**/kb/new");
        await author.WaitForInteractivityAsync();

        // Every later field is filled, which focuses it, so the select's list only needs to be closed with the choice
        // shown; on this form the select does not always take the focus back, which ChooseAsync waits for.
        var category = author.GetByLabel("Category", new() { Exact = true });
        await category.ClickAsync();
        await author.Locator(".mud-popover-open").GetByText("Diagnostic", new() { Exact = true }).ClickAsync();
        await author.Locator(".mud-popover-open .mud-list").WaitForAsync(new() { State = WaitForSelectorState.Detached });
        await Expect(category).ToHaveTextAsync("Diagnostic");
        await author.GetByLabel("Title", new() { Exact = true }).FillAsync("Read the gizmo proxy logs");
        await author.GetByLabel("Title", new() { Exact = true }).PressAsync("Tab");
        await Expect(author.GetByLabel("Slug", new() { Exact = true })).ToHaveValueAsync(NewSlug);
        await author.GetByLabel("Tags", new() { Exact = true }).FillAsync("gizmo, logs");
        await author.GetByLabel("Summary", new() { Exact = true }).FillAsync("Where the gizmo proxy logs its 502s.");
        await author.GetByLabel("Body", new() { Exact = true }).FillAsync("## Steps\n\nRun `gizmoctl logs` and look for quokka lines.\n");
        await author.GetByRole(AriaRole.Button, new() { Name = "Propose article" }).ClickAsync();

        await author.WaitForURLAsync("**/reviews");
        await Expect(author.Locator(".mud-snackbar").Filter(new() { HasText = "Proposed for review" })).ToBeVisibleAsync();
        var notYet = await author.GotoAsync($"/kb/{NewSlug}");
        Assert.Equal(404, notYet!.Status);

        var reviewer = await (await published.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = _app.BaseUrl })).NewPageAsync();
        await TestAccounts.SignInAsUserAsync(reviewer, _app.BaseUrl, "Bea Reviewer", "Editor");
        await reviewer.GotoAsync("/reviews");
        await reviewer.WaitForInteractivityAsync();
        var proposal = reviewer.GetByRole(AriaRole.Region, new() { Name = "Read the gizmo proxy logs", Exact = false });
        await Expect(proposal.GetByText("New article", new() { Exact = true })).ToBeVisibleAsync();
        await Expect(proposal.Locator(".diff ins", new() { HasText = "look for quokka lines." })).ToBeVisibleAsync();
        await proposal.GetByRole(AriaRole.Button, new() { Name = "Approve and publish" }).ClickAsync();
        await Expect(reviewer.GetByText("Nothing is waiting for review.")).ToBeVisibleAsync();

        await reviewer.GotoAsync("/search?q=quokka");
        await reviewer.Locator($"a[href='/kb/{NewSlug}']").First.ClickAsync();
        await reviewer.WaitForURLAsync($"**/kb/{NewSlug}");
        await Expect(reviewer.Locator(".article-body")).ToContainTextAsync("Run gizmoctl logs and look for quokka lines.");
    }
}
