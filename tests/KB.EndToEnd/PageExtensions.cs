using Microsoft.Playwright;

namespace KB.EndToEnd;

public static class PageExtensions
{
    /// <summary>
    /// Interactive components mark themselves once Blazor's circuit renders them; typing before that is lost. A page rendered
    /// on the server only (sign-in, forms that post) marks nothing and is ready as it loads.
    /// </summary>
    public static Task WaitForInteractivityAsync(this IPage page) =>
        page.WaitForFunctionAsync("() => [...document.querySelectorAll('[data-interactive]')].every(e => e.dataset.interactive === 'true')");

    /// <summary>How many pixels the page is wider than the screen: more than 0 means sideways scrolling on a phone.</summary>
    public static Task<int> HorizontalOverflowAsync(this IPage page) =>
        page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");

    /// <summary>Picks the option at <paramref name="index"/> (counted from 0) of the MudBlazor select with that label.</summary>
    public static async Task PickAsync(this IPage page, string label, int index)
    {
        var select = page.GetByLabel(label, new() { Exact = true });
        await select.ClickAsync();
        await page.Locator(".mud-popover-open").GetByRole(AriaRole.Option).Nth(index).ClickAsync();
        await WaitUntilClosedAsync(page, select);
    }

    /// <summary>Picks an option of the MudBlazor select labelled <paramref name="label"/>: open its list, click the option's text.</summary>
    public static async Task ChooseAsync(this IPage page, string label, string option)
    {
        var select = page.GetByLabel(label, new() { Exact = true });
        await select.ClickAsync();
        await page.Locator(".mud-popover-open").GetByText(option, new() { Exact = true }).ClickAsync();
        await WaitUntilClosedAsync(page, select);
    }

    /// <summary>
    /// A select closes its list and then takes the focus back, a round trip later: a key pressed before that goes
    /// where the person meant, and then the focus jumps away from it.
    /// </summary>
    private static async Task WaitUntilClosedAsync(IPage page, ILocator select)
    {
        await page.Locator(".mud-popover-open .mud-list").WaitForAsync(new() { State = WaitForSelectorState.Detached });
        await Assertions.Expect(select).ToBeFocusedAsync();
    }

    /// <summary>Answers the open MudDialog with the button named <paramref name="answer"/>.</summary>
    public static Task AnswerDialogAsync(this IPage page, string answer) =>
        page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = answer, Exact = true }).ClickAsync();
}
