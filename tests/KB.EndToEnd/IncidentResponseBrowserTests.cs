using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace KB.EndToEnd;

/// <summary>Roles, follow-ups, the update rhythm and the webhook test button, in Chromium against the published app.</summary>
[ClosesItsPages]
[Collection(PublishedAppCollection.Name)]
public class IncidentResponseBrowserTests(PublishedApp published)
{
    private async Task<IPage> ResponderAsync(string name, string baseUrl)
    {
        var page = await published.NewPageAsync(signedIn: false);
        await TestAccounts.SignInAsUserAsync(page, baseUrl, name);
        return page;
    }

    private static async Task<int> CreateIncidentAsync(string baseUrl, string severity = "SEV3", DateTime? startedAt = null)
    {
        using var client = TestAccounts.ApiClient(baseUrl);
        var response = await client.PostAsJsonAsync(baseUrl + "/api/incidents", new { title = $"502s on cart {Guid.NewGuid():N}"[..24], service = "cart", severity, startedAt });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
    }

    [Fact]
    public async Task A_role_taken_on_one_page_shows_on_another()
    {
        var id = await CreateIncidentAsync(published.BaseUrl);
        var alice = await ResponderAsync("Alice", published.BaseUrl);
        await alice.GotoAsync($"{published.BaseUrl}/incidents/{id}");
        await alice.WaitForInteractivityAsync();
        var bob = await ResponderAsync("Bob", published.BaseUrl);
        await bob.GotoAsync($"{published.BaseUrl}/incidents/{id}");
        await bob.WaitForInteractivityAsync();

        await alice.GetByRole(AriaRole.Button, new() { Name = "Take commander" }).ClickAsync();

        await Expect(bob.Locator(".role-commander .holder")).ToHaveTextAsync("Alice");
        await Expect(bob.Locator(".timeline")).ToContainTextAsync("Alice took commander");

        await alice.GetByRole(AriaRole.Button, new() { Name = "Step down as commander" }).ClickAsync();

        await Expect(bob.Locator(".role-commander .holder")).ToHaveTextAsync("nobody yet");
        await Expect(bob.Locator(".timeline")).ToContainTextAsync("Alice stepped down as commander");
    }

    [Fact]
    public async Task A_follow_up_is_added_completed_and_listed_across_incidents()
    {
        var id = await CreateIncidentAsync(published.BaseUrl);
        var alice = await ResponderAsync("Alice", published.BaseUrl);
        await alice.GotoAsync($"{published.BaseUrl}/incidents/{id}");
        await alice.WaitForInteractivityAsync();
        var text = $"Alert on upstream health {Guid.NewGuid():N}"[..34];

        await alice.GetByLabel("Follow-up", new() { Exact = true }).FillAsync(text);
        await alice.GetByLabel("Owner", new() { Exact = true }).FillAsync("Bob");
        await alice.GetByRole(AriaRole.Button, new() { Name = "Add follow-up" }).ClickAsync();
        var box = alice.GetByRole(AriaRole.Checkbox, new() { Name = text });
        await Expect(box).Not.ToBeCheckedAsync();
        await alice.GotoAsync($"{published.BaseUrl}/follow-ups");
        await alice.WaitForInteractivityAsync();
        await Expect(alice.Locator(".follow-ups-grid")).ToContainTextAsync(text);

        await alice.GotoAsync($"{published.BaseUrl}/incidents/{id}");
        await alice.WaitForInteractivityAsync();
        await alice.GetByRole(AriaRole.Checkbox, new() { Name = text }).CheckAsync();
        await Expect(alice.Locator(".follow-up")).ToContainTextAsync("done by Alice");
        await alice.GotoAsync($"{published.BaseUrl}/follow-ups");
        await alice.WaitForInteractivityAsync();
        await Expect(alice.Locator(".follow-ups-grid")).Not.ToContainTextAsync(text);
    }

    [Fact]
    public async Task An_overdue_incident_asks_for_an_update_and_posting_one_marks_the_timeline()
    {
        var id = await CreateIncidentAsync(published.BaseUrl, "SEV1", DateTime.UtcNow.AddMinutes(-22));
        var alice = await ResponderAsync("Alice", published.BaseUrl);
        await alice.GotoAsync($"{published.BaseUrl}/incidents/{id}");
        await alice.WaitForInteractivityAsync();
        await Expect(alice.Locator(".update-rhythm")).ToContainTextAsync("No update yet, started 22 min ago: post one");

        await alice.GetByLabel("Status update", new() { Exact = true }).FillAsync("Rolling back the deploy");
        await alice.GetByRole(AriaRole.Button, new() { Name = "Post update" }).ClickAsync();

        await Expect(alice.Locator(".update-rhythm")).ToContainTextAsync("Last update");
        await Expect(alice.Locator(".timeline-update")).ToContainTextAsync("Rolling back the deploy");
    }

    [Fact]
    public async Task The_test_message_button_reaches_a_local_receiver_and_the_log_shows_it()
    {
        using var listener = new HttpListener();
        var port = FreePort();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        var received = new ConcurrentQueue<string>();
        var serving = ServeAsync(listener, received);
        var folder = Path.Combine(Path.GetTempPath(), "kb-e2e-webhooks-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        await using var app = await RunningApp.StartAsync(Path.Combine(published.PublishFolder, "KB.Web"), [], published.PublishFolder, new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ConnectionStrings__KB"] = $"Data Source={Path.Combine(folder, "kb.db")}",
            ["KB__Notifications__Webhooks__0__Url"] = $"http://127.0.0.1:{port}/slack-hook",
            ["KB__Notifications__Webhooks__0__Format"] = "slack",
        });
        var context = await TestAccounts.AdminContextAsync(published.Browser, new BrowserNewContextOptions { BaseURL = app.BaseUrl });
        var page = await context.NewPageAsync();

        await page.GotoAsync(app.BaseUrl + "/admin/notifications");
        await page.WaitForInteractivityAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Send a test message to #1 slack 127.0.0.1" }).ClickAsync();

        await Expect(page.GetByText("Test message delivered to #1 slack 127.0.0.1 (200).")).ToBeVisibleAsync();
        await Expect(page.Locator(".delivery-log")).ToContainTextAsync("test");
        await Expect(page.Locator(".delivery-count")).ToHaveTextAsync("1 delivery");

        await page.GetByRole(AriaRole.Checkbox, new() { Name = "Failed only" }).CheckAsync();

        await Expect(page.Locator(".delivery-count")).ToHaveTextAsync("0 deliveries");
        await Expect(page.Locator(".delivery-log")).ToContainTextAsync("No deliveries match.");
        Assert.Contains(received, body => body.Contains("\"blocks\"", StringComparison.Ordinal) && body.Contains("Test message", StringComparison.Ordinal));
        listener.Stop();
        await serving;
    }

    private static async Task ServeAsync(HttpListener listener, ConcurrentQueue<string> received)
    {
        try
        {
            while (listener.IsListening)
            {
                var context = await listener.GetContextAsync();
                using (var reader = new StreamReader(context.Request.InputStream))
                {
                    received.Enqueue(await reader.ReadToEndAsync());
                }
                context.Response.StatusCode = 200;
                context.Response.Close();
            }
        }
        catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException)
        {
            // Stopped by the test.
        }
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}
