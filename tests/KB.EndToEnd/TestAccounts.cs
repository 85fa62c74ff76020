using System.Net.Http.Headers;
using Microsoft.Playwright;

namespace KB.EndToEnd;

/// <summary>
/// Every app a test starts has an admin and an API token from configuration, as a deployment would; open pages
/// revalidate their session every 2 seconds, so tests of ended sessions do not wait half a minute.
/// </summary>
public static class TestAccounts
{
    public const string AdminEmail = "admin@example.test";
    public const string AdminPassword = "correct-horse-battery-staple-42";
    public const string AdminName = "Admin";
    public const string Token = "e2e-token-0123456789abcdef";

    public static readonly IReadOnlyDictionary<string, string> Settings = new Dictionary<string, string>
    {
        ["KB__Admin__Email"] = AdminEmail,
        ["KB__Admin__Password"] = AdminPassword,
        ["KB__ApiTokens__0"] = Token,
        ["KB__Accounts__RevalidateSeconds"] = "2",
        ["KB__RateLimits__ApiPerMinute"] = "1000000",
        ["KB__RateLimits__SignInPerMinute"] = "1000",
    };

    /// <summary>An HTTP client that sends the configured API token (acting as a Responder).</summary>
    public static HttpClient ApiClient(string? baseUrl = null, TimeSpan? timeout = null)
    {
        var client = new HttpClient();
        if (baseUrl is not null)
        {
            client.BaseAddress = new Uri(baseUrl);
        }
        if (timeout is { } value)
        {
            client.Timeout = value;
        }
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        return client;
    }

    public const string UserPassword = "plum orchard kettle drum 81";

    // Display names are unique regardless of case, so a name that differs from a known one only in case reuses it.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> Users = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// A browser context signed in as the admin through the form. Each context gets a session of its own: contexts
    /// sharing one cookie would all lose it when any of them signs in as someone else, which ends the session it had.
    /// </summary>
    public static async Task<IBrowserContext> AdminContextAsync(IBrowser browser, BrowserNewContextOptions options)
    {
        var context = await browser.NewContextAsync(options);
        var page = await context.NewPageAsync();
        await SignInAsync(page);
        await page.CloseAsync();
        return context;
    }

    /// <summary>
    /// Signs the page in as the team member with this display name: the first time, an admin invites them in a browser
    /// of its own and the page accepts the invitation; afterwards the page signs in with their email.
    /// </summary>
    public static async Task SignInAsUserAsync(IPage page, string baseUrl, string displayName, string role = "Responder")
    {
        if (Users.TryGetValue(baseUrl + " " + displayName, out var known))
        {
            await SignInAsync(page, known, UserPassword);
            return;
        }
        var email = $"user-{Guid.NewGuid().ToString("N")[..10]}@example.test";
        await page.GotoAsync(await InviteAsync(page.Context.Browser!, baseUrl, email, role));
        await page.GetByLabel("Your name").FillAsync(displayName);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(UserPassword);
        await page.GetByLabel("Confirm password").FillAsync(UserPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create my account" }).ClickAsync();
        try
        {
            await page.WaitForURLAsync(url => !url.Contains("/account/invite"), new() { WaitUntil = WaitUntilState.Commit, Timeout = SignInTimeout });
        }
        catch (TimeoutException)
        {
            throw new InvalidOperationException($"Accepting the invitation as {displayName} failed: {await page.Locator("main").InnerTextAsync()}");
        }
        Users[baseUrl + " " + displayName] = email;
    }

    /// <summary>An admin creates an invitation on the users page; the one-time link it shows is returned.</summary>
    public static async Task<string> InviteAsync(IBrowser browser, string baseUrl, string email, string role)
    {
        var context = await AdminContextAsync(browser, new BrowserNewContextOptions { BaseURL = baseUrl });
        try
        {
            var admin = await context.NewPageAsync();
            await admin.GotoAsync("/admin/users");
            await admin.GetByLabel("Email").FillAsync(email);
            await admin.ChooseAsync("Role", role);
            await admin.GetByRole(AriaRole.Button, new() { Name = "Create invitation link" }).ClickAsync();
            await admin.AnswerDialogAsync("Create link");
            return (await admin.Locator(".token-secret code").InnerTextAsync()).Trim();
        }
        finally
        {
            await context.CloseAsync();
        }
    }

    /// <summary>Signs the page in through the sign-in form and waits for the page it returns to.</summary>
    public static async Task SignInAsync(IPage page, string email = AdminEmail, string password = AdminPassword, string returnUrl = "/")
    {
        await page.GotoAsync("/account/signin?ReturnUrl=" + Uri.EscapeDataString(returnUrl));
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/account/signin"), new() { WaitUntil = WaitUntilState.Commit, Timeout = SignInTimeout });
    }

    /// <summary>
    /// How long a sign-in or a new account may take to redirect: the password hash is deliberately slow, and on a
    /// 2-core machine shared with a CPU-bound process and the crash tests' floods it has taken over 30 s.
    /// </summary>
    private const float SignInTimeout = 90_000;
}
