using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace KB.EndToEnd;

[ClosesItsPages]
[Collection(PublishedAppCollection.Name)]
public class TriageBrowserTests(PublishedApp published)
{
    private const string NginxRefused = "2024/05/14 09:12:03 [error] 2817#2817: *1043 connect() failed (111: Connection refused) while connecting to upstream, client: 10.0.0.7, server: shop.example.com, request: \"GET /cart HTTP/1.1\", upstream: \"http://10.0.3.12:8080/cart\", host: \"shop.example.com\"";

    [Fact]
    public async Task Pasting_log_lines_shows_the_likely_cause_with_its_evidence_and_first_steps()
    {
        var page = await published.NewPageAsync();
        await page.GotoAsync("/triage");
        await page.WaitForInteractivityAsync();

        await page.GetByLabel("Log lines").FillAsync(string.Join('\n',
            "10.0.0.7 - - [14/May/2024:09:12:02 +0000] \"GET /health HTTP/1.1\" 200 2 \"-\" \"kube-probe/1.29\"",
            NginxRefused,
            "    at Object.<anonymous> (/srv/app/index.js:10:5)"));

        var first = page.GetByRole(AriaRole.List, new() { Name = "Likely causes" }).GetByRole(AriaRole.Listitem).First;
        await Expect(first.Locator(".candidate-title")).ToHaveAttributeAsync("href", "/kb/upstream-down");
        await Expect(first.Locator(".evidence mark").First).ToContainTextAsync("Connection refused");
        await Expect(first.Locator(".evidence-meta").First).ToContainTextAsync("line 2 · nginx");
        await Expect(first.Locator(".first-steps li").First).ToBeVisibleAsync();
        await Expect(first.GetByRole(AriaRole.Link, new() { Name = "Open an incident with this cause" })).ToHaveAttributeAsync("href", "/incidents/new?cause=upstream-down");
        await Expect(page.Locator(".triage-summary")).ToContainTextAsync("nginx (1 line)");
    }

    [Fact]
    public async Task A_paste_larger_than_a_signalr_message_is_read_up_to_the_line_limit()
    {
        var page = await published.NewPageAsync();
        await page.GotoAsync("/triage");
        await page.WaitForInteractivityAsync();
        var lines = Enumerable.Range(0, 3000).Select(i => i % 100 == 0 ? NginxRefused : $"10.0.0.{i % 250} - - [14/May/2024:09:12:02 +0000] \"GET /item/{i} HTTP/1.1\" 200 512 \"-\" \"curl/8.5.0\"");

        await page.GetByLabel("Log lines").FillAsync(string.Join('\n', lines), new() { Timeout = 120_000 }); // a 300 KB fill is slow on a busy 2-core machine

        // Streaming and reading 300 KB takes a while when the other core is busy too.
        await Expect(page.Locator(".triage-summary")).ToContainTextAsync("Read the first 2,000 of 3,000 lines.", new() { Timeout = 90_000 });
        await Expect(page.Locator(".triage-candidate .candidate-title").First).ToHaveAttributeAsync("href", "/kb/upstream-down");
    }

    [Theory]
    [InlineData(1280, 900)]
    [InlineData(375, 812)]
    public async Task Triage_page_fits_the_screen_and_is_saved_as_a_screenshot(int width, int height)
    {
        var page = await published.NewPageAsync(width, height);
        await page.GotoAsync("/triage");
        await page.WaitForInteractivityAsync();
        await page.GetByLabel("Log lines").FillAsync(NginxRefused + "\nhaproxy[1201]: 10.0.0.1:51234 [14/May/2024:09:12:03.120] fe_http be_app/app1 0/0/-1/-1/3 503 217 - - SC-- 1/1/0/0/3 0/0 \"GET / HTTP/1.1\"");
        await Expect(page.Locator(".triage-candidate").First).ToBeVisibleAsync();

        await page.ScreenshotAsync(new() { Path = Repository.ScreenshotPath($"triage-{width}.png"), FullPage = true });

        var overflow = await page.HorizontalOverflowAsync();
        Assert.True(overflow <= 0, $"/triage is {overflow}px wider than a {width}px screen");
    }
}
