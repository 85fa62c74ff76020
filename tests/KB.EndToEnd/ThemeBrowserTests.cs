using System.Net.Http.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace KB.EndToEnd;

/// <summary>Light and dark: the app follows the system setting until a person chooses, and remembers their choice.</summary>
[ClosesItsPages]
[Collection(PublishedAppCollection.Name)]
public class ThemeBrowserTests(PublishedApp published)
{
    [Fact]
    public async Task The_theme_follows_the_system_until_switched_and_the_choice_follows_the_person()
    {
        var name = "Night Owl " + Guid.NewGuid().ToString("N")[..6];
        var page = await NewPageAsync(ColorScheme.Dark);
        await TestAccounts.SignInAsUserAsync(page, published.BaseUrl, name);
        await page.GotoAsync("/kb/upstream-down");
        await page.WaitForInteractivityAsync();
        await WaitForBackgroundAsync(page, dark: true);

        await page.GetByRole(AriaRole.Button, new() { Name = "Use the light theme" }).ClickAsync();
        await WaitForBackgroundAsync(page, dark: false);

        // The choice is the person's: a reload and another browser with a dark system setting both show it.
        await page.ReloadAsync();
        await page.WaitForInteractivityAsync();
        await WaitForBackgroundAsync(page, dark: false);
        await page.GetByRole(AriaRole.Button, new() { Name = "Use the dark theme" }).ClickAsync();
        await WaitForBackgroundAsync(page, dark: true);
        var elsewhere = await NewPageAsync(ColorScheme.Light);
        await TestAccounts.SignInAsUserAsync(elsewhere, published.BaseUrl, name);
        await elsewhere.GotoAsync("/kb/upstream-down");
        await WaitForBackgroundAsync(elsewhere, dark: true);
    }

    [Fact]
    public async Task A_click_on_a_live_control_right_after_the_page_shows_is_not_lost()
    {
        var page = await NewPageAsync(ColorScheme.Light);
        await TestAccounts.SignInAsUserAsync(page, published.BaseUrl, "Early Clicker " + Guid.NewGuid().ToString("N")[..6]);

        // No wait for the circuit: the button is disabled until the page is live, so the click waits for it instead of
        // landing on server-rendered markup that nothing listens to.
        await page.GotoAsync("/kb/upstream-down", new() { WaitUntil = WaitUntilState.Commit });
        await page.GetByRole(AriaRole.Button, new() { Name = "Use the light theme" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Use the dark theme" })).ToBeVisibleAsync();
    }

    [Theory]
    [InlineData(1280, 900, "light")]
    [InlineData(1280, 900, "dark")]
    [InlineData(375, 812, "light")]
    [InlineData(375, 812, "dark")]
    public async Task An_article_fits_the_screen_in_both_themes_and_is_saved_as_a_screenshot(int width, int height, string scheme)
    {
        var page = await NewPageAsync(scheme == "dark" ? ColorScheme.Dark : ColorScheme.Light, width, height);
        await TestAccounts.SignInAsUserAsync(page, published.BaseUrl, "Reader " + Guid.NewGuid().ToString("N")[..6]);
        await page.GotoAsync("/kb/upstream-timeout");
        await page.WaitForInteractivityAsync();
        await WaitForBackgroundAsync(page, dark: scheme == "dark");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();

        await page.ScreenshotAsync(new() { Path = Repository.ScreenshotPath($"article-{width}-{scheme}.png") });

        var overflow = await page.HorizontalOverflowAsync();
        Assert.True(overflow <= 0, $"the article is {overflow}px wider than a {width}px screen");
    }

    [Theory]
    [InlineData(1280, 900)]
    [InlineData(375, 812)]
    public async Task Every_page_fits_the_screen_in_the_dark_theme_and_is_saved_as_a_screenshot(int width, int height)
    {
        string incident;
        using (var client = TestAccounts.ApiClient())
        {
            var answer = await client.PostAsJsonAsync(published.BaseUrl + "/api/incidents", new
            {
                title = "Checkout answers 502 at night",
                service = "checkout-api",
                severity = "SEV1",
                cause = "upstream-down",
                errorLog = "2026/12/02 03:12:09 [error] 31#31: *9 connect() failed (111: Connection refused) while connecting to upstream, upstream: \"http://10.0.4.17:8080/cart\"",
            });
            answer.EnsureSuccessStatusCode();
            var id = (await answer.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("id").GetInt32();
            incident = $"/incidents/{id}";
        }
        var context = await TestAccounts.AdminContextAsync(published.Browser, new BrowserNewContextOptions
        {
            BaseURL = published.BaseUrl,
            ViewportSize = new ViewportSize { Width = width, Height = height },
            ColorScheme = ColorScheme.Dark,
        });
        var page = await context.NewPageAsync();
        var pages = new[]
        {
            ("/", "dashboard"), ("/incidents", "incidents"), (incident, "incident"), ("/incidents/new", "incident-new"), ("/triage", "triage"),
            ("/kb", "kb"), ("/search?q=connection%20refused", "search"), ("/kb/upstream-down/edit", "editor"), ("/admin/users", "users"),
            ("/admin/audit", "audit"), ("/account/profile", "profile"), ("/follow-ups", "follow-ups"), ("/reviews", "reviews"),
            ("/articles/stale", "stale"), ("/articles/feedback", "feedback"), ("/triage/unexplained", "unexplained"),
            ("/admin/notifications", "notifications"), ("/kb/upstream-down/history", "history"), ("/kb/problems", "problems"),
        };
        foreach (var (path, name) in pages)
        {
            await page.GotoAsync(path);
            await page.WaitForInteractivityAsync();
            await WaitForBackgroundAsync(page, dark: true);
            await page.ScreenshotAsync(new() { Path = Repository.ScreenshotPath($"{name}-{width}-dark.png"), FullPage = true });

            var overflow = await page.HorizontalOverflowAsync();
            Assert.True(overflow <= 0, $"{path} is {overflow}px wider than a {width}px screen in the dark theme");
        }
    }

    private async Task<IPage> NewPageAsync(ColorScheme scheme, int width = 1280, int height = 900)
    {
        var context = await published.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = published.BaseUrl,
            ViewportSize = new ViewportSize { Width = width, Height = height },
            ColorScheme = scheme,
        });
        return await context.NewPageAsync();
    }

    /// <summary>Waits until the page background (the palette's background colour) is dark (luminance below half) or light.</summary>
    private static Task WaitForBackgroundAsync(IPage page, bool dark) =>
        page.WaitForFunctionAsync(
            "wantDark => { const m = getComputedStyle(document.body).backgroundColor.match(/[\\d.]+/g); if (!m || m[3] === '0') return false; const l = (0.2126 * m[0] + 0.7152 * m[1] + 0.0722 * m[2]) / 255; return wantDark ? l < 0.5 : l >= 0.5; }",
            dark);
}
