using Microsoft.Playwright;

namespace KB.EndToEnd.Security;

public static class BrowserSteps
{
    /// <summary>Signs the browser in as a responder with this display name (invited by the admin the first time).</summary>
    public static Task SignInAsync(this IPage page, string baseUrl, string name) => TestAccounts.SignInAsUserAsync(page, baseUrl, name);
}
