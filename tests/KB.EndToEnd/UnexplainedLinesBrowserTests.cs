using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace KB.EndToEnd;

/// <summary>A paste triage could not read reaches the editors' page of unexplained lines, and from there a cause article.</summary>
[ClosesItsPages]
[Collection(PublishedAppCollection.Name)]
public class UnexplainedLinesBrowserTests(PublishedApp published)
{
    private const string UpstreamDown = "Upstream refuses connections (nothing listening / service down)";

    [Fact]
    public async Task An_unexplained_paste_is_listed_for_editors_who_open_a_cause_editor_with_it_drafted_or_dismiss_it()
    {
        // A word of letters only survives masking, so this test finds its own line among the others' lines.
        var word = new string(Enumerable.Range(0, 10).Select(_ => (char)('a' + Random.Shared.Next(26))).ToArray());
        var page = await published.NewPageAsync();
        await page.GotoAsync("/triage");
        await page.WaitForInteractivityAsync();
        await page.GetByLabel("Log lines").FillAsync($"2026-12-02T11:58:29Z frobnicator[4242]: {word} pipeline error W-17 on 10.0.4.17:7000, giving up");
        await Expect(page.Locator(".triage-verdict")).ToContainTextAsync("I don't know");

        // /triage keeps the paste once it has settled, while the page is open: the editor reads the list in another tab.
        page = await page.Context.NewPageAsync();
        var row = await ListedAsync(page, word);
        await Expect(row.Locator("code")).ToHaveTextAsync($"<time> frobnicator[<n>]: {word} pipeline error W-17 on <ip>:<port>, giving up");

        await row.GetByRole(AriaRole.Button, new() { Name = "Open a cause article's editor" }).ClickAsync();
        await page.ChooseAsync("Cause", UpstreamDown);
        await page.AnswerDialogAsync("Open the editor");

        await Expect(page).ToHaveURLAsync(new Regex(@"/kb/upstream-down/edit\?line=\d+$"));
        await page.WaitForInteractivityAsync();
        await Expect(page.Locator("[aria-label='Signature from an unexplained line']")).ToContainTextAsync(word);
        await Expect(page.GetByLabel("Markdown", new() { Exact = true })).ToHaveValueAsync(new Regex(@$"pattern: '.*{word} pipeline error W-17"));

        row = await ListedAsync(page, word);
        await row.GetByRole(AriaRole.Button, new() { Name = "Dismiss" }).ClickAsync();

        await Expect(page.GetByText("Dismissed: the line is no longer listed.")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = word })).ToHaveCountAsync(0);
    }

    /// <summary>
    /// The editors' page, once it lists the line with <paramref name="word"/>: /triage keeps a paste after it has
    /// settled for two seconds, so the list is read again until the line is there.
    /// </summary>
    private static async Task<ILocator> ListedAsync(IPage page, string word)
    {
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = word });
        for (var attempt = 0; attempt < 30; attempt++)
        {
            await page.GotoAsync("/triage/unexplained");
            await page.WaitForInteractivityAsync();
            await Expect(page.Locator(".unexplained-lines tbody tr").First).ToBeVisibleAsync();
            if (await row.CountAsync() > 0)
            {
                return row;
            }
            await page.WaitForTimeoutAsync(500);
        }
        throw new Xunit.Sdk.XunitException($"The line with \"{word}\" was not listed on /triage/unexplained.");
    }
}
