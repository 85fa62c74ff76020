using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace KB.EndToEnd;

/// <summary>The incident list as a responder works it: filter by service and text, page through, sort, go back.</summary>
[ClosesItsPages]
[Collection(PublishedAppCollection.Name)]
public class IncidentGridBrowserTests(PublishedApp published)
{
    [Theory]
    [InlineData(1280, 900)]
    [InlineData(375, 812)]
    public async Task A_responder_filters_pages_and_sorts_the_incidents(int width, int height)
    {
        // 30 incidents on a service of this test's own: a page of 25 and one of 5, titles numbered in the order they started.
        var service = $"grid-{width}-{Guid.NewGuid():N}"[..20];
        using (var client = TestAccounts.ApiClient())
        {
            var start = new DateTime(2026, 3, 1, 8, 0, 0, DateTimeKind.Utc);
            for (var i = 1; i <= 30; i++)
            {
                var draft = new { title = $"Grid {i:00} answers 502", service, severity = i == 7 ? "SEV1" : "SEV3", startedAt = start.AddHours(i) };
                (await client.PostAsJsonAsync(published.BaseUrl + "/api/incidents", draft)).EnsureSuccessStatusCode();
            }
        }
        var page = await published.NewPageAsync(width, height, signedIn: false);
        await TestAccounts.SignInAsUserAsync(page, published.BaseUrl, $"Grid Reader {width}");
        await page.GotoAsync("/incidents");
        await page.WaitForInteractivityAsync();
        var rows = page.Locator(".incident-grid tbody tr");
        var titles = page.Locator(".incident-grid tbody .incident-title");

        await page.GetByLabel("Service").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = service, Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"service={service}"));
        await Expect(page.GetByText("30 incidents", new() { Exact = true })).ToBeVisibleAsync();
        await Expect(rows).ToHaveCountAsync(25);
        await Expect(titles.First).ToContainTextAsync("Grid 30 answers 502");

        await page.GetByRole(AriaRole.Button, new() { Name = "Next page" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("page=2"));
        await Expect(rows).ToHaveCountAsync(5);
        await Expect(titles.First).ToContainTextAsync("Grid 05 answers 502");

        // On a phone the grid stacks each row into a card and has no column headers to sort by.
        var sortable = width >= 600;
        if (sortable)
        {
            // A sort starts again from the first page, in the order asked for.
            await page.Locator(".incident-grid thead").GetByText("Severity", new() { Exact = true }).ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex("sort=Severity$"));
            await Expect(rows).ToHaveCountAsync(25);
            await Expect(titles.First).ToContainTextAsync("Grid 07 answers 502");
            await page.Locator(".incident-grid thead").GetByText("Title", new() { Exact = true }).ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex("sort=Title(&|$)"));
            await Expect(titles.First).ToContainTextAsync("Grid 01 answers 502");
        }

        await page.GetByLabel("Text").FillAsync("Grid 1");
        await Expect(page).ToHaveURLAsync(new Regex("q=Grid%201"));
        await Expect(rows).ToHaveCountAsync(10);
        await Expect(titles.First).ToContainTextAsync(sortable ? "Grid 10 answers 502" : "Grid 19 answers 502");
        await Expect(page.GetByText("10 incidents", new() { Exact = true })).ToBeVisibleAsync();

        // The address holds the list: back shows the list before the text filter, in the same order and on the same page.
        await page.GoBackAsync();
        await Expect(page).Not.ToHaveURLAsync(new Regex("q="));
        await Expect(page.GetByText("30 incidents", new() { Exact = true })).ToBeVisibleAsync();
        await Expect(titles.First).ToContainTextAsync(sortable ? "Grid 01 answers 502" : "Grid 05 answers 502");
        await Expect(page.GetByLabel("Text")).ToHaveValueAsync("");

        var overflow = await page.HorizontalOverflowAsync();
        Assert.True(overflow <= 0, $"the incident list is {overflow}px wider than a {width}px screen");
    }
}
