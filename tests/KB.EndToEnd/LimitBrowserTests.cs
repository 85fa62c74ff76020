using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace KB.EndToEnd;

/// <summary>Input longer than what is read is never cut without a word.</summary>
[ClosesItsPages]
[Collection(PublishedAppCollection.Name)]
public class LimitBrowserTests(PublishedApp published)
{
    private const string NginxRefused = "2024/05/14 09:12:03 [error] 2817#2817: *1043 connect() failed (111: Connection refused) while connecting to upstream, client: 10.0.0.7";

    [Theory]
    [InlineData(1280, 900)]
    [InlineData(390, 844)]
    public async Task A_triage_paste_over_the_limit_says_what_was_read_and_the_page_keeps_working(int width, int height)
    {
        var page = await published.NewPageAsync(width, height);
        await page.GotoAsync("/triage");
        await page.WaitForInteractivityAsync();

        // 7 MB typed into the box in the browser, as a paste would put it there.
        await page.EvaluateAsync("""
            ([first, line]) => {
              const box = document.getElementById("triage-text");
              box.value = first + "\n" + line.repeat(Math.ceil(7 * 1024 * 1024 / line.length));
              box.dispatchEvent(new Event("input"));
            }
            """, new[] { NginxRefused, "10.0.0.7 - - [14/May/2024:09:12:02 +0000] \"GET /health HTTP/1.1\" 200 2 \"-\" \"kube-probe/1.29\"\n" });

        await Expect(page.Locator(".log-paste .notice")).ToHaveTextAsync("This paste is longer than 6 MB: only its first 6 MB were read.", new() { Timeout = 90_000 }); // 6 MB streamed and read on a busy 2-core machine
        await Expect(page.Locator(".triage-summary")).ToContainTextAsync("Read the first 2,000 of");
        await Expect(page.Locator(".triage-candidate .candidate-title").First).ToHaveAttributeAsync("href", "/kb/upstream-down");
        await page.ScreenshotAsync(new() { Path = Repository.ScreenshotPath($"triage-over-limit-{width}.png") });
        Assert.True(await page.HorizontalOverflowAsync() <= 0);

        await page.GetByLabel("Log lines").FillAsync("upstream sent too big header while reading response header from upstream");

        await Expect(page.Locator(".log-paste .notice")).ToHaveCountAsync(0);
        await Expect(page.Locator(".triage-candidate .candidate-title").First).ToHaveAttributeAsync("href", "/kb/header-too-large");
    }

    [Theory]
    [InlineData(1280, 900)]
    [InlineData(390, 844)]
    public async Task A_search_longer_than_is_read_says_how_much_was_searched(int width, int height)
    {
        var page = await published.NewPageAsync(width, height);
        await page.GotoAsync("/search");
        await page.WaitForInteractivityAsync();
        var query = NginxRefused + ", server: shop.example.com, request: \"GET /cart HTTP/1.1\", upstream: \"http://10.0.3.12:8080/cart\"";

        await page.GetByLabel("Search the knowledge base").FillAsync(query);

        await Expect(page.Locator(".search-output .search-cut")).ToContainTextAsync("Searched the first");
        await Expect(page.Locator(".search-output .search-cut")).ToContainTextAsync("at most 16 words");
        await page.ScreenshotAsync(new() { Path = Repository.ScreenshotPath($"search-cut-{width}.png") });
        Assert.True(await page.HorizontalOverflowAsync() <= 0);
    }
}
