using Microsoft.Playwright;

namespace KB.EndToEnd;

public static class MudSelectSteps
{
    /// <summary>Opens the MudSelect whose label is <paramref name="label"/> and picks the option that reads <paramref name="option"/>, as a person does.</summary>
    public static async Task ChooseInMudSelectAsync(this IPage page, string label, string option)
    {
        await page.GetByRole(AriaRole.Combobox, new() { Name = label, Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = option, Exact = true }).ClickAsync();
    }
}
