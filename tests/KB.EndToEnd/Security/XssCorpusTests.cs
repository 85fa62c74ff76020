using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace KB.EndToEnd.Security;

/// <summary>
/// Renders the XSS corpus in Chromium through every place user text appears (articles, incident fields, notes, names,
/// search, triage) and checks that no payload runs and no script-capable markup or URL reaches the document.
/// </summary>
[ClosesItsPages]
[Collection(PublishedAppCollection.Name)]
public class XssCorpusTests(HostileInputApp app) : IClassFixture<HostileInputApp>
{
    // Browser pages working through a list of addresses side by side.
    private const int Workers = 3;

    // Every how many payloads or incidents one is also checked with Blazor running in the page.
    private const int InteractiveSample = 25;

    private static IReadOnlyList<string> Payloads => XssPayloads.All;

    /// <summary>Payloads short enough, and free of control characters, to be a responder's name.</summary>
    private static IReadOnlyList<string> Names { get; } =
        Payloads.Select(payload => payload.Trim()).Where(payload => payload.Length is > 0 and <= 80 && !payload.Any(char.IsControl)).ToList();

    [Fact]
    public void The_corpus_holds_at_least_200_distinct_payloads()
    {
        Assert.True(Payloads.Count >= 200, $"only {Payloads.Count} payloads");
        Assert.Equal(Payloads.Count, Payloads.Distinct().Count());
    }

    [Fact]
    public async Task Articles_show_the_corpus_as_text()
    {
        var probe = await app.NewProbeAsync();
        await probe.VisitAsync($"/kb/{CorpusArticles.Slug}");
        var body = probe.Page.Locator(".article-body");
        await Expect(body).ToContainTextAsync("<script>alert(1)</script>");
        await Expect(body).ToContainTextAsync("<a href=\"javascript:alert(1)\">x</a>");
        await probe.AssertNothingRanAsync("the corpus article");

        var places = new[]
        {
            "/kb",
            "/kb/problems",
            $"/search?tag={Uri.EscapeDataString(CorpusArticles.HostileTag)}",
            "/search?category=cause",
            "/kb/" + Uri.EscapeDataString("<img src=x onerror=alert(1)>"),
            "/kb/javascript:alert(1)",
        };
        foreach (var place in places)
        {
            await probe.VisitAsync(place);
            await probe.AssertNothingRanAsync(place);
        }
        await probe.VisitAsync("/kb/problems");
        await Expect(probe.Page.Locator(".problems table")).ToContainTextAsync("<img src=x onerror=alert(1)>(");
    }

    [Fact]
    public async Task Search_queries_show_as_text()
    {
        await ForEachAsync(Payloads.Select((payload, index) => (payload, index)).ToList(), async (probe, query) =>
        {
            await probe.VisitAsync("/search?q=" + Uri.EscapeDataString(query.payload));
            Assert.Equal(query.payload, await probe.Page.Locator("#kb-search").InputValueAsync());
            await probe.AssertNothingRanAsync($"the search for {query.payload}");
        }, interactive: query => query.index % InteractiveSample == 0);

        var probe = await app.NewProbeAsync();
        await probe.VisitAsync("/kb");
        foreach (var payload in new[] { "<script>alert(1)</script>", "\"><img src=x onerror=window.__xss=1>", "javascript:alert(1)", "<svg onload=alert(1)>", "{{constructor.constructor('alert(1)')()}}" })
        {
            await probe.Page.Locator("#top-search").FillAsync(payload);
            await Expect(probe.Page.Locator("#top-search-results .see-all")).ToHaveAttributeAsync("href", "/search?q=" + Uri.EscapeDataString(payload));
            await Expect(probe.Page.Locator("#top-search-results li, #top-search-results p.muted").First).ToBeVisibleAsync();
            await probe.AssertNothingRanAsync($"the top-bar search for {payload}");
        }
    }

    [Fact]
    public async Task A_triage_paste_of_the_corpus_shows_as_text()
    {
        var probe = await app.NewProbeAsync();
        await probe.VisitAsync("/triage");

        await probe.Page.GetByLabel("Log lines").FillAsync(string.Join('\n', Payloads));

        await Expect(probe.Page.GetByRole(AriaRole.List, new() { Name = "Likely causes" })).ToContainTextAsync("XSS corpus");
        await Expect(probe.Page.Locator(".evidence-line").First).ToBeVisibleAsync();
        await probe.AssertNothingRanAsync("the triage of the corpus");
    }

    [Fact]
    public async Task Incident_fields_from_the_api_show_as_text()
    {
        // Every payload that fits a title is in one; services and environments take as many as fit beside them, the
        // environments from the end of the corpus (a page per incident is the costly part). Each incident's log repeats
        // its title, so triage quotes it.
        using var client = TestAccounts.ApiClient(app.BaseUrl);
        var titles = XssPayloads.PackedInto(200, Payloads);
        var services = XssPayloads.PackedInto(100, Payloads);
        var environments = XssPayloads.PackedInto(60, Payloads.Reverse());
        var incidents = new List<(int Id, string Title)>();
        for (var i = 0; i < titles.Count; i++)
        {
            var draft = new { title = titles[i], service = services[i], environment = environments[i], severity = "SEV2", errorLog = titles[i] };
            incidents.Add((await CreateIncidentAsync(client, draft), titles[i]));
        }
        // One incident carries the whole corpus as its log and the corpus article as its cause: its page quotes payloads
        // as triage evidence and lists every payload as a checklist step.
        var whole = await CreateIncidentAsync(client, new { title = "The whole corpus", service = "corpus", severity = "SEV1", cause = CorpusArticles.Slug, errorLog = string.Join('\n', Payloads) });
        incidents.Insert(0, (whole, "The whole corpus"));

        var pages = (incidents.Count + 24) / 25;
        var places = Enumerable.Range(1, pages).Select(number => $"/incidents?page={number}")
            .Append("/")
            .Append("/incidents?q=" + Uri.EscapeDataString("<script>alert(1)</script>"))
            .Append("/incidents?from=" + Uri.EscapeDataString("\"><img src=x onerror=alert(1)>"))
            .Append("/incidents?service=" + Uri.EscapeDataString(services[0]))
            .ToList();
        await ForEachAsync(places, async (probe, place) =>
        {
            await probe.VisitAsync(place);
            await probe.AssertNothingRanAsync(place);
        }, interactive: place => place is "/" or "/incidents?page=1");

        await ForEachAsync(incidents.Select((incident, index) => (incident.Id, incident.Title, index)).ToList(), async (probe, incident) =>
        {
            await probe.VisitAsync($"/incidents/{incident.Id}");
            Assert.Equal(incident.Title, await probe.Page.Locator(".incident-header h1").TextContentAsync());
            await probe.AssertNothingRanAsync($"incident #{incident.Id}");
        }, interactive: incident => incident.index % InteractiveSample == 0);
    }

    [Fact]
    public async Task Names_notes_and_form_fields_typed_in_the_browser_show_as_text()
    {
        var probe = await app.NewProbeAsync();
        var page = probe.Page;
        await page.SignInAsync(app.BaseUrl, "<img src=x onerror=alert(1)>");

        await probe.VisitAsync("/incidents/new");
        await page.GetByLabel("Title").FillAsync("\"><svg onload=alert(1)>");
        await page.GetByLabel("Service").FillAsync("<script>alert(1)</script>");
        await page.GetByLabel("Environment").FillAsync("javascript:alert(1)");
        await page.GetByLabel("Error log excerpt").FillAsync(string.Join('\n', Payloads));
        var suggestions = page.GetByRole(AriaRole.Region, new() { Name = "Suggested causes" });
        await Expect(suggestions).ToContainTextAsync("XSS corpus");
        await probe.AssertNothingRanAsync("the incident form with the corpus pasted");

        await suggestions.GetByRole(AriaRole.Button, new() { Name = "Use this cause" }).First.ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Log incident" }).ClickAsync();
        await page.WaitForURLAsync(new Regex(@"/incidents/\d+$"));
        await Expect(page.Locator(".incident-header h1")).ToHaveTextAsync("\"><svg onload=alert(1)>");
        await page.WaitForInteractivityAsync();

        foreach (var note in new[] { "<script>alert(1)</script>", "<img src=x onerror=window.__xss=1>", "[x](javascript:alert(1))", "\"><svg onload=alert(1)>", "javascript:alert(1)" })
        {
            await page.GetByLabel("Note", new() { Exact = true }).FillAsync(note);
            await page.GetByRole(AriaRole.Button, new() { Name = "Add note", Exact = true }).ClickAsync();
            await Expect(page.Locator(".timeline")).ToContainTextAsync(note);
        }
        var stepNotes = new[] { "<svg/onload=alert(1)>", "<iframe src=javascript:alert(1)>", "<a href=\"javascript:alert(1)\">x</a>", "' onfocus='alert(1)' autofocus='", "<details open ontoggle=alert(1)>" };
        for (var i = 0; i < stepNotes.Length; i++)
        {
            await page.GetByRole(AriaRole.Button, new() { Name = $"Add a note to step {i + 1}", Exact = true }).ClickAsync();
            await page.GetByLabel("Note on this step").FillAsync(stepNotes[i]);
            await page.GetByRole(AriaRole.Button, new() { Name = "Save note" }).ClickAsync();
            await Expect(page.Locator(".checklist > li").Nth(i).Locator(".step-note")).ToHaveTextAsync($"Note: {stepNotes[i]}");
        }
        await page.Locator(".checklist input[type=checkbox]").First.CheckAsync();
        await Expect(page.Locator(".checklist .done-by").First).ToBeVisibleAsync();
        await probe.AssertNothingRanAsync("the incident page with hostile notes");

        await page.GetByRole(AriaRole.Button, new() { Name = "Resolve", Exact = true }).ClickAsync();
        await page.GetByLabel("What fixed it").FillAsync("<img src=x onerror=alert(1)> fixed by <script>window.__xss=1</script>");
        await page.PickAsync("Step that fixed it", 1);
        await page.GetByRole(AriaRole.Button, new() { Name = "Resolve incident" }).ClickAsync();
        await Expect(page.GetByLabel("Status", new() { Exact = true })).ToHaveTextAsync("resolved");
        await probe.AssertNothingRanAsync("the resolved incident");

        foreach (var place in new[] { "/", "/incidents" })
        {
            await probe.VisitAsync(place);
            await probe.AssertNothingRanAsync(place);
        }
    }

    private static async Task<int> CreateIncidentAsync(HttpClient client, object draft)
    {
        var response = await client.PostAsJsonAsync("/api/incidents", draft);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
    }

    /// <summary>
    /// Visits every item with <see cref="Workers"/> signed-in browser pages side by side, each item in a page that runs
    /// Blazor or in one that shows the prerendered document only; the first failure stops them all.
    /// </summary>
    private async Task ForEachAsync<T>(IReadOnlyList<T> items, Func<XssProbe, T, Task> visit, Func<T, bool> interactive)
    {
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, Workers).Select(async worker =>
        {
            var probes = new Dictionary<bool, XssProbe>();
            var current = "";
            try
            {
                for (var i = Interlocked.Increment(ref next); i < items.Count; i = Interlocked.Increment(ref next))
                {
                    var mode = interactive(items[i]);
                    current = $"{items[i]} ({(mode ? "interactive" : "prerendered")})";
                    if (!probes.TryGetValue(mode, out var probe))
                    {
                        probe = probes[mode] = await app.NewProbeAsync(mode);
                        await probe.Page.SignInAsync(app.BaseUrl, Names[(worker * 2 + (mode ? 1 : 0)) % Names.Count]);
                    }
                    await visit(probe, items[i]);
                }
            }
            catch (Exception exception)
            {
                Interlocked.Exchange(ref next, items.Count);
                if (exception is Xunit.Sdk.XunitException)
                {
                    throw;
                }
                // A timeout names only the locator: say which page it was.
                throw new Xunit.Sdk.XunitException($"{current}: {exception.Message}", exception);
            }
            finally
            {
                foreach (var probe in probes.Values)
                {
                    await probe.Page.Context.CloseAsync();
                }
            }
        }));
    }
}
