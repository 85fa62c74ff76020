using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace KB.EndToEnd;

[ClosesItsPages]
[Collection(PublishedAppCollection.Name)]
public class KnowledgeBaseBrowserTests(PublishedApp published)
{
    [Fact]
    public async Task Typing_in_the_kb_search_shows_results_live_and_opens_an_article()
    {
        var page = await published.NewPageAsync();
        await page.GotoAsync("/kb");
        await page.WaitForInteractivityAsync();

        await page.GetByLabel("Search the knowledge base").PressSequentiallyAsync("too big header", new() { Delay = 40 });

        var results = page.GetByRole(AriaRole.List, new() { Name = "Search results" });
        await Expect(results.GetByRole(AriaRole.Link).First).ToHaveAttributeAsync("href", "/kb/header-too-large");
        Assert.EndsWith("/kb", page.Url);

        await results.Locator("a[href='/kb/header-too-large']").ClickAsync();
        // After an in-app navigation the focus moves to the new page's heading, where a screen reader starts reading.
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeFocusedAsync();
        Assert.EndsWith("/kb/header-too-large", page.Url);
        await Expect(page.GetByRole(AriaRole.Complementary, new() { Name = "On this page" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task The_copy_button_copies_the_code_block()
    {
        var page = await published.NewPageAsync();
        await page.GotoAsync("/kb/dns-resolution");
        // The circuit's first render replaces the server's markup, and with it a "Copied" shown before that.
        await page.WaitForInteractivityAsync();
        var block = page.Locator(".code-block").First;
        var expected = (await block.Locator("pre").InnerTextAsync()).TrimEnd('\n');

        await block.GetByRole(AriaRole.Button, new() { Name = "Copy code" }).ClickAsync();

        await Expect(block.GetByRole(AriaRole.Button, new() { Name = "Copy code" })).ToHaveTextAsync("Copied");
        Assert.Equal(expected, await page.EvaluateAsync<string>("() => navigator.clipboard.readText()"));
    }

    [Fact]
    public async Task Slash_focuses_the_top_bar_search_and_results_appear_as_you_type()
    {
        var page = await published.NewPageAsync();
        await page.GotoAsync("/kb/upstream-down");
        await page.WaitForInteractivityAsync();

        await page.Locator("body").PressAsync("/");
        await Expect(page.Locator("#top-search")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("tcpdump", new() { Delay = 40 });

        var dropdown = page.Locator("#top-search-results");
        await Expect(dropdown.GetByRole(AriaRole.Listitem).First).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("ArrowDown");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync("**/kb/capture-traffic", new() { WaitUntil = WaitUntilState.Commit }); // the heading below shows the page arrived
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("tcpdump");
    }

    [Fact]
    public async Task Ctrl_k_focuses_the_top_bar_search_from_anywhere()
    {
        var page = await published.NewPageAsync();
        await page.GotoAsync("/kb");
        await page.WaitForInteractivityAsync(); // the interactive render replaces the prerendered search boxes
        await page.GetByLabel("Search the knowledge base").FocusAsync();

        await page.Keyboard.PressAsync("Control+k");

        await Expect(page.Locator("#top-search")).ToBeFocusedAsync();
    }

    [Fact]
    public async Task Search_page_filters_and_keeps_the_address_in_step()
    {
        var page = await published.NewPageAsync();
        await page.GotoAsync("/search?q=timeout");
        await page.WaitForInteractivityAsync();

        await page.ChooseAsync("Category", "Causes");

        await Expect(page.Locator(".result-count")).ToContainTextAsync("in Causes");
        var categories = await page.Locator(".search-result .category-chip").AllInnerTextsAsync();
        Assert.NotEmpty(categories);
        Assert.All(categories, category => Assert.Equal("cause", category.ToLowerInvariant()));
        Assert.Contains("category=cause", page.Url);
    }

    [Fact]
    public async Task Hostile_markdown_runs_no_script_in_the_browser()
    {
        var page = await published.NewPageAsync();
        var dialogs = 0;
        page.Dialog += (_, dialog) =>
        {
            dialogs++;
            _ = dialog.DismissAsync();
        };

        await page.GotoAsync($"/kb/{PublishedApp.HostileSlug}");
        await page.Locator(".article-body").HoverAsync();
        foreach (var link in await page.Locator(".article-body a").AllAsync())
        {
            await link.ClickAsync(new() { Force = true });
        }

        Assert.Null(await page.EvaluateAsync<string?>("() => window.__xss ?? null"));
        Assert.Equal(0, dialogs);
        Assert.Equal(0, await page.Locator(".article-body script, .article-body img, .article-body svg, .article-body iframe").CountAsync());
        var urls = await page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('[href],[src]')].map(e => e.getAttribute('href') ?? e.getAttribute('src'))");
        Assert.DoesNotContain(urls, url => url.Trim().StartsWith("javascript:", StringComparison.OrdinalIgnoreCase) || url.Trim().StartsWith("data:", StringComparison.OrdinalIgnoreCase));
        await Expect(page.Locator(".article-body")).ToContainTextAsync("<script>");
    }

    [Theory]
    [InlineData(1280, 900)]
    [InlineData(375, 812)]
    public async Task Pages_fit_the_screen_and_are_saved_as_screenshots(int width, int height)
    {
        var page = await published.NewPageAsync(width, height);
        foreach (var (path, name) in new[] { ("/kb", "kb"), ("/kb/upstream-down", "article"), ("/search?q=connection%20refused", "search") })
        {
            await page.GotoAsync(path);
            await page.WaitForInteractivityAsync();
            await page.ScreenshotAsync(new() { Path = Repository.ScreenshotPath($"{name}-{width}.png"), FullPage = name != "article" });

            var overflow = await page.HorizontalOverflowAsync();
            Assert.True(overflow <= 0, $"{path} is {overflow}px wider than a {width}px screen");
        }
    }

}
