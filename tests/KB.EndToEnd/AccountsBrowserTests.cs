using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace KB.EndToEnd;

[ClosesItsPages]
[Collection(PublishedAppCollection.Name)]
public class AccountsBrowserTests(PublishedApp published)
{
    [Fact]
    public async Task A_stranger_is_sent_to_sign_in_and_comes_back_to_the_page_asked_for()
    {
        var page = await published.NewPageAsync(390, 844, signedIn: false);

        await page.GotoAsync("/incidents");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/signin"));
        await page.GetByLabel("Email").FillAsync(TestAccounts.AdminEmail);
        await page.GetByLabel("Password").FillAsync("a wrong password entirely");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("The email or the password is not right.");
        Assert.Equal("", await page.GetByLabel("Password").InputValueAsync());
        await page.GetByLabel("Password").FillAsync(TestAccounts.AdminPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(published.BaseUrl + "/incidents");
        await Expect(page.Locator(".account-name")).ToHaveTextAsync(TestAccounts.AdminName);
        await page.WaitForInteractivityAsync();
        await page.Locator(".account-name").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(page.GetByText("You are signed out.")).ToBeVisibleAsync();
        await page.GotoAsync("/incidents");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/signin"));
    }

    [Fact]
    public async Task A_disabled_users_open_incident_page_stops_changing_anything_within_a_minute()
    {
        int id;
        using (var client = TestAccounts.ApiClient())
        {
            var created = await client.PostAsJsonAsync(published.BaseUrl + "/api/incidents", new { title = "Disable check", service = "web", cause = "upstream-down" });
            id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        }
        var name = "Leaver " + Guid.NewGuid().ToString("N")[..6];
        var leaver = await published.NewPageAsync(signedIn: false);
        await TestAccounts.SignInAsUserAsync(leaver, published.BaseUrl, name);
        await leaver.GotoAsync($"/incidents/{id}");
        await leaver.WaitForInteractivityAsync();
        var steps = leaver.GetByRole(AriaRole.Checkbox);
        await steps.First.ClickAsync();
        await Expect(steps.First).ToBeCheckedAsync();

        var admin = await published.NewPageAsync();
        await admin.GotoAsync("/admin/users");
        await admin.GetByRole(AriaRole.Button, new() { Name = $"Disable {name}" }).ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Dialog)).ToContainTextAsync($"Disable {name}?");
        await admin.AnswerDialogAsync("Disable");
        await Expect(admin.Locator(".mud-snackbar").Filter(new() { HasText = $"{name} is disabled" })).ToBeVisibleAsync();
        var disabledAt = Stopwatch.StartNew();

        // The open page keeps its connection; within the revalidation interval its session is found ended.
        await Expect(leaver.GetByRole(AriaRole.Alertdialog, new() { Name = "Your session has ended" })).ToBeVisibleAsync(new() { Timeout = 60_000 });
        Assert.True(disabledAt.Elapsed < TimeSpan.FromSeconds(60), $"the disabled user's page kept working for {disabledAt.Elapsed}");

        // Even a click that gets past the cover changes nothing.
        var before = await ChecklistAsync(id);
        await steps.Nth(2).DispatchEventAsync("click");
        await Expect(leaver.GetByText("Your session has ended: nothing was changed.")).ToBeVisibleAsync();
        Assert.Equal(before, await ChecklistAsync(id));
    }

    private async Task<string> ChecklistAsync(int id)
    {
        using var client = TestAccounts.ApiClient();
        return (await client.GetFromJsonAsync<JsonElement>($"{published.BaseUrl}/api/incidents/{id}")).GetProperty("checklist").GetRawText();
    }

    [Theory]
    [InlineData(1280, 900)]
    [InlineData(390, 844)]
    public async Task Account_and_admin_pages_fit_the_screen_and_are_saved_as_screenshots(int width, int height)
    {
        var stranger = await published.NewPageAsync(width, height, signedIn: false);
        await stranger.GotoAsync("/account/signin");
        await stranger.ScreenshotAsync(new() { Path = Repository.ScreenshotPath($"signin-{width}.png") });
        Assert.True(await stranger.HorizontalOverflowAsync() <= 0, $"the sign-in page is wider than a {width}px screen");

        var page = await published.NewPageAsync(width, height);
        foreach (var (path, name) in new[] { ("/admin/users", "users"), ("/account/profile", "profile"), ("/admin/audit", "audit"), ("/admin", "admin") })
        {
            await page.GotoAsync(path);
            await page.WaitForInteractivityAsync();
            await page.ScreenshotAsync(new() { Path = Repository.ScreenshotPath($"{name}-{width}.png"), FullPage = true });

            var overflow = await page.HorizontalOverflowAsync();
            Assert.True(overflow <= 0, $"{path} is {overflow}px wider than a {width}px screen");
        }
    }
}
