using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace KB.EndToEnd;

/// <summary>The app-bar search driven from the keyboard, on a laptop and on a phone, where it folds into its icon.</summary>
[ClosesItsPages]
[Collection(PublishedAppCollection.Name)]
public class TopBarSearchBrowserTests(PublishedApp published)
{
    [Theory]
    [InlineData(1280, 900)]
    [InlineData(375, 812)]
    public async Task Slash_focuses_the_search_typing_shows_results_and_the_arrow_keys_and_enter_open_one(int width, int height)
    {
        var page = await published.NewPageAsync(width, height);
        await page.GotoAsync("/kb/upstream-down");
        await page.WaitForInteractivityAsync();

        await page.Locator("body").PressAsync("/");
        var search = page.Locator("#top-search");
        await Expect(search).ToBeFocusedAsync();
        await AssertSearchBoxIsUsableAsync(page, width);
        await page.Keyboard.TypeAsync("tcpdump", new() { Delay = 40 });

        // Results of the first letters can show while the whole word is still being searched: wait for the word's own.
        var links = page.Locator("#top-search-results ul[data-query='tcpdump'] li a");
        await Expect(links.First).ToBeVisibleAsync();
        Assert.True(await links.CountAsync() >= 2, "tcpdump should match more than one article");
        await page.Keyboard.PressAsync("ArrowDown");
        await Expect(links.Nth(0)).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("ArrowDown");
        await Expect(links.Nth(1)).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("ArrowUp");
        await Expect(links.Nth(0)).ToBeFocusedAsync();
        var href = await links.Nth(0).GetAttributeAsync("href");

        await page.Keyboard.PressAsync("Enter");

        await page.WaitForURLAsync("**" + href, new() { WaitUntil = WaitUntilState.Commit });
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("tcpdump");
        await Expect(page.Locator("#top-search-results")).ToHaveCountAsync(0);
        Assert.True(await page.HorizontalOverflowAsync() <= 0, $"the page is wider than a {width}px screen");
    }

    [Fact]
    public async Task On_a_phone_the_search_icon_opens_a_search_box_across_the_app_bar_and_escape_closes_the_results()
    {
        var page = await published.NewPageAsync(375, 812);
        await page.GotoAsync("/kb");
        await page.WaitForInteractivityAsync();
        var open = page.Locator("label.top-search-open");
        await Expect(open).ToBeVisibleAsync();

        await open.ClickAsync();

        await Expect(page.Locator("#top-search")).ToBeFocusedAsync();
        await AssertSearchBoxIsUsableAsync(page, 375);
        await page.Keyboard.TypeAsync("connection refused", new() { Delay = 30 });
        await Expect(page.Locator("#top-search-results li").First).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("Escape");
        await Expect(page.Locator("#top-search-results")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Enter_in_the_search_box_opens_the_search_page_for_what_was_typed()
    {
        var page = await published.NewPageAsync();
        await page.GotoAsync("/kb/upstream-down");
        await page.WaitForInteractivityAsync();

        await page.Keyboard.PressAsync("Control+k");
        await page.Keyboard.TypeAsync("too big header", new() { Delay = 30 });
        await Expect(page.Locator("#top-search-results li").First).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("Enter");

        await page.WaitForURLAsync("**/search?q=too%20big%20header", new() { WaitUntil = WaitUntilState.Commit });
        await Expect(page.GetByRole(AriaRole.List, new() { Name = "Search results" }).Locator("a[href='/kb/header-too-large']")).ToBeVisibleAsync();
    }

    /// <summary>The focused field is wide enough to read what is typed: most of a phone's width, a good part of a laptop's app bar.</summary>
    private static async Task AssertSearchBoxIsUsableAsync(IPage page, int width)
    {
        var box = await page.Locator("#top-search").BoundingBoxAsync();
        Assert.NotNull(box);
        var wanted = width < 640 ? width * 0.7 : 250;
        Assert.True(box.Width >= wanted, $"the search field is {box.Width}px wide on a {width}px screen");
        Assert.True(box.X >= 0 && box.X + box.Width <= width, $"the search field runs off a {width}px screen ({box.X}..{box.X + box.Width})");
    }
}
