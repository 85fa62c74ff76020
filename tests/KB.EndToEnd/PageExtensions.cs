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
        await page.GetByLabel(label).ClickAsync();
        await page.GetByRole(AriaRole.Option).Nth(index).ClickAsync();
    }
}
