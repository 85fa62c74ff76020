using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace KB.EndToEnd;

/// <summary>
/// Editing an article in Chromium, signed in as the admin (whose role includes Editor): live preview, save, history
/// with its diff, restore.
/// </summary>
[ClosesItsPages]
[Collection(PublishedAppCollection.Name)]
public class EditorBrowserTests(PublishedApp published)
{
    private const string Slug = "failure-testing";

    [Fact]
    public async Task Edit_with_live_preview_save_see_the_diff_and_restore()
    {
        var page = await published.NewPageAsync();
        await page.GotoAsync($"/kb/{Slug}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Edit", Exact = true }).ClickAsync();
        await page.WaitForURLAsync($"**/kb/{Slug}/edit");

        var markdown = page.GetByLabel("Markdown");
        var original = await markdown.InputValueAsync();
        var problem = page.Locator("#preview-problem");
        var renamed = original.Replace($"slug: {Slug}", "slug: renamed-article");
        await markdown.FillAsync(renamed);
        await Expect(problem).ToContainTextAsync("Front matter: The slug 'renamed-article' does not match the file name");

        // A refused save says why beside the Markdown and keeps the text as typed.
        await page.GetByRole(AriaRole.Button, new() { Name = "Save article" }).ClickAsync();
        await Expect(page.Locator("#article-markdown-problem")).ToContainTextAsync("Not saved. Front matter:");
        await Expect(markdown).ToHaveValueAsync(renamed);
        Assert.EndsWith($"/kb/{Slug}/edit", page.Url);

        // Larger than one SignalR message (32 KB): the editor reads the text as a stream, not through the input binding.
        var longSection = "\n\n## Long notes\n\n" + string.Join("\n\n", Enumerable.Repeat("Each game day ends with a written summary of what broke and why.", 600));
        await markdown.FillAsync(original + longSection);
        await markdown.PressAsync("Control+End");
        await markdown.PressSequentiallyAsync("\n\nCanary zebras test the fallback path.", new() { Delay = 20 });
        await Expect(page.Locator("#article-preview")).ToContainTextAsync("Canary zebras test the fallback path.");
        await Expect(problem).ToBeHiddenAsync();

        await page.GetByLabel("Comment").FillAsync("Canaries for the fallback");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save article" }).ClickAsync();

        await page.WaitForURLAsync($"**/kb/{Slug}");
        await Expect(page.Locator(".mud-snackbar").Filter(new() { HasText = "Saved: Saved as revision" })).ToBeVisibleAsync();
        await Expect(page.Locator(".article-body")).ToContainTextAsync("Canary zebras test the fallback path.");

        await page.GetByRole(AriaRole.Link, new() { Name = "History", Exact = true }).ClickAsync();
        await page.WaitForURLAsync($"**/kb/{Slug}/history");
        var latest = page.Locator(".revision").First;
        await Expect(latest).ToContainTextAsync("Revision 2");
        await Expect(latest).ToContainTextAsync("Canaries for the fallback");
        await Expect(latest.Locator(".diff ins", new() { HasText = "Canary zebras test the fallback path." })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Restore revision 1" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Dialog)).ToContainTextAsync("Restore revision 1?");
        await page.AnswerDialogAsync("Restore");
        await Expect(page.Locator(".mud-snackbar").Filter(new() { HasText = "Restored" })).ToBeVisibleAsync();
        await Expect(page.Locator(".revision").First).ToContainTextAsync("Restored revision 1");

        await page.GotoAsync($"/kb/{Slug}");
        await Expect(page.Locator(".article-body")).Not.ToContainTextAsync("Canary zebras");
    }

    [Theory]
    [InlineData(1280, 900)]
    [InlineData(390, 844)]
    public async Task Editor_and_history_fit_the_screen_and_are_saved_as_screenshots(int width, int height)
    {
        const string article = "timeout-budgets";
        var page = await published.NewPageAsync(width, height);
        await page.GotoAsync($"/kb/{article}/edit");
        var markdown = page.GetByLabel("Markdown");
        await markdown.FillAsync((await markdown.InputValueAsync()) + $"\n\nChecked on a {width} px screen.");
        await Expect(page.Locator("#article-preview")).ToContainTextAsync($"Checked on a {width} px screen.");
        await AssertFitsAndSaveScreenshotAsync(page, $"editor-{width}.png", fullPage: false);

        await page.GetByLabel("Comment").FillAsync($"Note the {width} px check");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save article" }).ClickAsync();
        await page.WaitForURLAsync($"**/kb/{article}");
        await page.GotoAsync($"/kb/{article}/history");
        await Expect(page.Locator(".revision .diff").First).ToBeVisibleAsync();
        await AssertFitsAndSaveScreenshotAsync(page, $"history-{width}.png", fullPage: true);
    }

    private static async Task AssertFitsAndSaveScreenshotAsync(IPage page, string name, bool fullPage)
    {
        await page.ScreenshotAsync(new() { Path = Repository.ScreenshotPath(name), FullPage = fullPage });
        var overflow = await page.HorizontalOverflowAsync();
        Assert.True(overflow <= 0, $"{page.Url} is {overflow}px wider than the screen");
    }
}
