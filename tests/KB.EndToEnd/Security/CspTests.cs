using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace KB.EndToEnd.Security;

[ClosesItsPages]
[Collection(PublishedAppCollection.Name)]
public class CspTests(PublishedApp published)
{
    private const string NginxRefused = "2024/05/14 09:12:03 [error] 2817#2817: *1043 connect() failed (111: Connection refused) while connecting to upstream, client: 10.0.0.7, server: shop.example.com, request: \"GET /cart HTTP/1.1\", upstream: \"http://10.0.3.12:8080/cart\", host: \"shop.example.com\"";

    [Fact]
    public async Task The_apps_own_pages_break_no_rule_of_the_content_security_policy()
    {
        int incidentId;
        using (var client = TestAccounts.ApiClient())
        {
            var created = await client.PostAsJsonAsync(published.BaseUrl + "/api/incidents",
                new { title = "Checkout answers 502 (policy check)", service = "checkout-api", severity = "SEV2", cause = "upstream-down", errorLog = NginxRefused });
            created.EnsureSuccessStatusCode();
            incidentId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        }

        var page = await published.NewPageAsync(signedIn: false);
        var violations = await RecordViolationsAsync(page);

        var response = await page.GotoAsync("/account/signin");
        Assert.Contains("script-src 'self'", await response!.HeaderValueAsync("content-security-policy"));
        await TestAccounts.SignInAsync(page);
        await VisitAsync(page, "/account/profile");
        await VisitAsync(page, "/admin");
        await VisitAsync(page, "/admin/users");
        await VisitAsync(page, "/admin/audit");
        await VisitAsync(page, "/kb/upstream-timeout/edit");
        await page.GetByLabel("Markdown").PressSequentiallyAsync("x");
        await Expect(page.Locator(".editor-preview")).ToBeVisibleAsync();
        await VisitAsync(page, "/kb/upstream-timeout/history");

        await VisitAsync(page, "/");

        await VisitAsync(page, "/kb");
        await page.GetByLabel("Search the knowledge base").PressSequentiallyAsync("timeout", new() { Delay = 20 });
        await Expect(page.GetByRole(AriaRole.List, new() { Name = "Search results" }).GetByRole(AriaRole.Link).First).ToBeVisibleAsync();

        await VisitAsync(page, "/kb/dns-resolution");
        var copy = page.GetByRole(AriaRole.Button, new() { Name = "Copy code" }).First;
        await copy.ClickAsync();
        await Expect(copy).ToHaveTextAsync("Copied");

        await VisitAsync(page, $"/kb/{PublishedApp.HostileSlug}");

        await VisitAsync(page, "/search?q=timeout");
        await page.Locator("body").PressAsync("/");
        await Expect(page.Locator("#top-search")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("tcpdump", new() { Delay = 30 });
        await Expect(page.Locator("#top-search-results li").First).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("Escape");
        await page.ChooseAsync("Category", "Causes");
        await Expect(page.Locator(".result-count")).ToContainTextAsync("in Causes");

        await VisitAsync(page, "/triage");
        await page.GetByLabel("Log lines").FillAsync(NginxRefused);
        await Expect(page.GetByRole(AriaRole.List, new() { Name = "Likely causes" })).ToContainTextAsync("Upstream refuses connections");

        await VisitAsync(page, "/incidents");

        await VisitAsync(page, "/incidents/new");
        await page.GetByLabel("Error log excerpt").FillAsync(NginxRefused);
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Suggested causes" })).ToContainTextAsync("Upstream refuses connections");

        await VisitAsync(page, $"/incidents/{incidentId}");
        await page.Locator(".checklist input[type=checkbox]").First.CheckAsync();
        await Expect(page.Locator(".checklist .done-by").First).ToBeVisibleAsync();
        await page.GetByLabel("Note", new() { Exact = true }).FillAsync("Checked the policy");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add note", Exact = true }).ClickAsync();
        await Expect(page.Locator(".timeline")).ToContainTextAsync("Checked the policy");
        await page.GetByRole(AriaRole.Button, new() { Name = "Resolve", Exact = true }).ClickAsync();
        await Expect(page.GetByLabel("What fixed it")).ToBeVisibleAsync();

        await VisitAsync(page, "/no-such-page");
        await VisitAsync(page, "/kb/problems");

        // When the connection drops (on a live page: the not-found page is rendered on the server only), Blazor shows its reconnect dialog, which brings a <style> element of its own.
        // forceCloseConnection is blazor.web.js's own hook for dropping the connection.
        // The dialog is added to the page the first time it shows; the first retry comes at once, so on a quiet machine
        // the dialog can show and hide again between two polls: its presence is what tells it was shown.
        await page.EvaluateAsync("() => Blazor._internal.forceCloseConnection()");
        await page.WaitForFunctionAsync("() => document.getElementById('components-reconnect-modal') !== null");
        await page.WaitForFunctionAsync("() => document.getElementById('components-reconnect-modal').style.display === 'none'");

        // Reports travel from the page asynchronously: give the last ones a moment.
        await page.WaitForTimeoutAsync(500);
        Assert.True(violations.IsEmpty, "Content-Security-Policy violations:\n" + string.Join('\n', violations));

        // The listener does see a violation when there is one, and the policy refuses an inline script.
        await page.EvaluateAsync("() => { const script = document.createElement('script'); script.textContent = 'window.__inline = 1'; document.body.appendChild(script); }");
        static bool Reported(IEnumerable<string> violations) => violations.Any(violation => violation.StartsWith("script-src", StringComparison.Ordinal));
        for (var waited = 0; !Reported(violations) && waited < 5000; waited += 100)
        {
            await page.WaitForTimeoutAsync(100);
        }
        Assert.True(Reported(violations), "The refused inline script was not reported:\n" + string.Join('\n', violations));
        Assert.Null(await page.EvaluateAsync<int?>("() => window.__inline ?? null"));
    }

    private static async Task VisitAsync(IPage page, string path)
    {
        await page.GotoAsync(path);
        await page.WaitForInteractivityAsync();
    }

    /// <summary>
    /// Collects every securitypolicyviolation event of every document the page loads, and the browser's console reports
    /// of blocked content: Chromium reports a style attribute that Blazor sets on a new element in the console only.
    /// </summary>
    internal static async Task<ConcurrentQueue<string>> RecordViolationsAsync(IPage page)
    {
        var violations = new ConcurrentQueue<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                violations.Enqueue($"console on {page.Url}: {message.Text}");
            }
        };
        await page.ExposeFunctionAsync("kbReportViolation", (string violation) => violations.Enqueue(violation));
        await page.AddInitScriptAsync("""
            document.addEventListener('securitypolicyviolation', event => window.kbReportViolation(
              `${event.violatedDirective} refused ${event.blockedURI || 'inline'} on ${location.pathname} (${event.sourceFile}:${event.lineNumber})`), true);
            """);
        return violations;
    }
}
