using Microsoft.Playwright;

namespace KB.EndToEnd.Security;

public static class BrowserSteps
{
    /// <summary>Gives the browser a responder name through the /whoami form, as the incident pages require.</summary>
    public static async Task SignInAsync(this IPage page, string name)
    {
        await page.GotoAsync("/whoami");
        await page.GetByLabel("Your name").FillAsync(name);
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/whoami"));
    }
}
