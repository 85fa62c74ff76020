using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using KB.Tests.Accounts;
using KB.Web.Features.Accounts;
using KB.Web.Features.Incidents;
using Microsoft.Extensions.DependencyInjection;

namespace KB.Tests.WarRoomPack;

public sealed class WarRoomPackTests : IDisposable
{
    private const string NginxRefused = "2024/05/14 09:12:03 [error] 2817#2817: *1043 connect() failed (111: Connection refused) while connecting to upstream, client: 10.0.0.7, server: shop.example.com, request: \"GET /cart HTTP/1.1\", upstream: \"http://10.0.3.12:8080/cart\", host: \"shop.example.com\"";

    private const string CauseBody = """
        Confirm with [the second curl step](/kb/curl-probe#second-step) and [the listeners](probe-listeners).
        The [nginx documentation](https://nginx.org/en/docs/) says more; ![a diagram](/images/flow.png) shows the path.
        It is not [a name that fails](/kb/dns-failure); [fix it below](#how-to-fix).
        <script>alert('raw')</script> and [a trap](javascript:alert(1)).

        ## How to fix

        Start the upstream again.

        ## Checklist
        - [ ] Curl it from the proxy host: `curl -sv http://{{upstream:10.1.2.3:8080}}/healthz`
        - [ ] Check something listens: `ss -ltnp 'sport = :{{upstream_port:8080}}'`
        - [ ] Read the upstream's own log
        - [ ] Start the upstream again
        """;

    private readonly TempFolder _content = new();
    private readonly KbApp _app;
    private readonly HttpClient _client;

    public WarRoomPackTests()
    {
        _content.Write("causes/upstream-down.md", Articles.Markdown("upstream-down", "cause", "Upstream refuses connections", CauseBody, "related: [probe-listeners, restart-it]"));
        _content.Write("causes/dns-failure.md", Articles.Markdown("dns-failure", "cause", "Name does not resolve", "Text.\n\n## Checklist\n- [ ] One\n- [ ] Two\n- [ ] Three\n- [ ] Four"));
        _content.Write("diagnostics/probe-listeners.md", Articles.Markdown("probe-listeners", title: "Check the listeners", body: "Then [curl it](/kb/curl-probe).\n\n## First step\n\n`ss -ltnp`"));
        _content.Write("diagnostics/curl-probe.md", Articles.Markdown("curl-probe", title: "Curl the upstream", body: "## First step\n\nOne.\n\n## Second step\n\n```bash\ncurl -sv http://10.1.2.3:8080/\n```"));
        _content.Write("resolutions/restart-it.md", Articles.Markdown("restart-it", "resolution", "Restart it"));
        _app = new KbApp(_content.Path);
        _client = _app.CreateClient();
    }

    public void Dispose()
    {
        _app.Dispose();
        _content.Dispose();
    }

    private async Task<int> CreateIncidentAsync(string title = "502 on checkout", string? cause = "upstream-down")
    {
        var response = await _client.PostAsJsonAsync("/api/incidents", new { title, service = "checkout", severity = "SEV2", errorLog = NginxRefused, cause });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt32();
    }

    private IncidentService Incidents => _app.Services.GetRequiredService<IncidentService>();

    private static IDocument Parse(string html) => new HtmlParser().ParseDocument(html);

    [Fact]
    public async Task An_incident_pack_holds_the_filled_commands_the_ticks_and_the_linked_diagnostics()
    {
        var id = await CreateIncidentAsync();
        var incident = (await Incidents.FindAsync(id))!;
        var first = incident.Checklist[0];
        Assert.Equal(ChangeOutcome.Done, (await Incidents.SetStepDoneAsync(id, first.Id, true, first.Version, "Alice")).Outcome);

        var response = await _client.GetAsync($"/incidents/{id}/pack");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal($"incident-{id}-war-room.html", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.StartsWith("default-src 'none'; style-src 'unsafe-inline'; img-src data:", response.Headers.GetValues("Content-Security-Policy").Single());
        var html = await response.Content.ReadAsStringAsync();
        var document = Parse(html);

        var steps = document.QuerySelectorAll("#checklist li");
        Assert.Equal(4, steps.Length);
        Assert.True(((AngleSharp.Html.Dom.IHtmlInputElement)steps[0].QuerySelector("input[type=checkbox]")!).IsChecked);
        Assert.False(((AngleSharp.Html.Dom.IHtmlInputElement)steps[1].QuerySelector("input[type=checkbox]")!).IsChecked);
        Assert.Contains("Done by Alice", steps[0].TextContent);
        Assert.Equal("curl -sv http://10.0.3.12:8080/healthz", steps[0].QuerySelector("pre.command")!.TextContent);
        Assert.Equal("ss -ltnp 'sport = :8080'", steps[1].QuerySelector("pre.command")!.TextContent);

        // The cause article's own checklist (its example values) gives way to the incident's filled one.
        var cause = document.GetElementById("article-upstream-down")!;
        Assert.Contains("Start the upstream again.", cause.TextContent);
        Assert.DoesNotContain("10.1.2.3", cause.TextContent);

        Assert.Equal(["Check the listeners", "Curl the upstream"],
            document.QuerySelectorAll("section.article").Skip(1).Select(section => section.QuerySelector("h2")!.TextContent.Replace("Diagnostic: ", "")));
        Assert.Equal("#article-curl-probe--second-step", cause.QuerySelector(".article-body a")!.GetAttribute("href"));
        Assert.NotNull(document.GetElementById("article-curl-probe--second-step"));
        Assert.Contains(cause.QuerySelectorAll("a"), link => link.GetAttribute("href") == "#article-probe-listeners");
        Assert.Contains(cause.QuerySelectorAll("a"), link => link.GetAttribute("href") == "#article-upstream-down--how-to-fix");
        Assert.Contains("nginx documentation (https://nginx.org/en/docs/)", cause.TextContent);
        Assert.Contains("[image: a diagram]", cause.TextContent);
        Assert.Contains("Ticked: Curl it from the proxy host", document.GetElementById("timeline")!.TextContent);
        AssertSelfContained(html, document);
    }

    [Fact]
    public async Task An_article_pack_holds_the_article_as_written_and_its_diagnostics()
    {
        var response = await _client.GetAsync("/kb/upstream-down/pack");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("upstream-down-war-room.html", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var html = await response.Content.ReadAsStringAsync();
        var document = Parse(html);
        Assert.Equal("Upstream refuses connections", document.QuerySelector("h1")!.TextContent);
        Assert.Contains("curl -sv http://10.1.2.3:8080/healthz", document.GetElementById("article-upstream-down")!.TextContent);
        Assert.NotNull(document.GetElementById("article-probe-listeners"));
        Assert.NotNull(document.GetElementById("article-curl-probe"));
        Assert.Null(document.GetElementById("article-restart-it"));
        var notPacked = document.QuerySelectorAll("a").Single(link => link.TextContent == "a name that fails");
        Assert.Equal("http://localhost/kb/dns-failure", notPacked.GetAttribute("href"));
        Assert.Contains("app-link", notPacked.ClassList);
        AssertSelfContained(html, document);

        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync("/kb/no-such-article/pack")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync("/incidents/999999/pack")).StatusCode);
    }

    [Fact]
    public async Task A_cause_article_page_offers_its_pack_and_a_diagnostic_page_does_not()
    {
        var cause = Parse(await _client.GetStringAsync("/kb/upstream-down"));
        var diagnostic = Parse(await _client.GetStringAsync("/kb/curl-probe"));

        var offer = cause.QuerySelectorAll("a[download]").Single(link => link.TextContent == "Download war-room pack (offline HTML)");
        Assert.Equal("/kb/upstream-down/pack", offer.GetAttribute("href"));
        Assert.DoesNotContain(diagnostic.QuerySelectorAll("a"), link => link.GetAttribute("href")?.EndsWith("/pack", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task Script_in_what_responders_typed_downloads_as_text()
    {
        var id = await CreateIncidentAsync("<script>alert(1)</script> 502");
        var step = (await Incidents.FindAsync(id))!.Checklist[0];
        await Incidents.SetStepNoteAsync(id, step.Id, "<img src=x onerror=alert(2)>", step.Version, "Alice");
        await Incidents.AddNoteAsync(id, "<script>alert(3)</script>", "Alice");

        var html = await _client.GetStringAsync($"/incidents/{id}/pack");

        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; 502", html);
        Assert.Contains("&lt;img src=x onerror=alert(2)&gt;", html);
        Assert.Contains("&lt;script&gt;alert(3)&lt;/script&gt;", html);
        AssertSelfContained(html, Parse(html));
    }

    [Theory]
    [InlineData("/incidents/1/pack")]
    [InlineData("/kb/upstream-down/pack")]
    public async Task A_stranger_is_sent_to_sign_in_and_a_viewer_downloads_as_the_page_allows(string path)
    {
        await CreateIncidentAsync();

        var stranger = await _app.CreateAnonymousClient().GetAsync(path);
        var viewer = await (await _app.SignInAsAsync(Roles.Viewer)).GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, stranger.StatusCode);
        Assert.Equal("/account/signin", stranger.Headers.Location!.AbsolutePath);
        Assert.Equal(HttpStatusCode.OK, viewer.StatusCode);
        Assert.Equal("attachment", viewer.Content.Headers.ContentDisposition?.DispositionType);
    }

    /// <summary>No script, and nothing the file would fetch: every link is an anchor into the file or a marked link to the app.</summary>
    private static void AssertSelfContained(string html, IDocument document)
    {
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("javascript:", html, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(document.QuerySelectorAll("script, img, iframe, object, link[rel=stylesheet]"));
        foreach (var element in document.QuerySelectorAll("[href], [src]"))
        {
            var url = element.GetAttribute("href") ?? element.GetAttribute("src")!;
            if (url.StartsWith('#'))
            {
                Assert.True(document.GetElementById(url[1..]) is not null, $"The anchor {url} points to nothing in the file.");
            }
            else
            {
                Assert.StartsWith("http://localhost/", url);
                Assert.Contains("app-link", element.ClassList);
            }
        }
    }
}
