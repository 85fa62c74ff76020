using Microsoft.Playwright;

namespace KB.EndToEnd.Security;

/// <summary>
/// A second instance of the published app, on its own database and a content folder holding only the corpus articles,
/// so that the hundreds of hostile incidents and articles the XSS tests create do not show up in the pages other
/// browser tests look at. It shares the published build and the Chromium of <see cref="PublishedApp"/>.
/// </summary>
public sealed class HostileInputApp(PublishedApp published) : IAsyncLifetime
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "kb-xss-" + Guid.NewGuid().ToString("N")[..12]);
    private RunningApp? _app;

    public string BaseUrl => _app!.BaseUrl;

    public async Task InitializeAsync()
    {
        var content = Path.Combine(_root, "content");
        foreach (var (path, text) in CorpusArticles.Broken.Append(KeyValuePair.Create($"causes/{CorpusArticles.Slug}.md", CorpusArticles.Corpus(XssPayloads.All))))
        {
            var file = Path.Combine(content, path);
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            await File.WriteAllTextAsync(file, text);
        }

        _app = await RunningApp.StartAsync(Path.Combine(published.PublishFolder, "KB.Web"), [], published.PublishFolder, new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ConnectionStrings__KB"] = $"Data Source={Path.Combine(_root, "kb.db")}",
            ["KB__ContentPath"] = content,
        });
    }

    /// <summary>
    /// A page in a fresh browser context that ignores the Content-Security-Policy: the XSS tests check what the
    /// rendering lets through on its own, not what the policy would still stop.
    /// </summary>
    /// <param name="interactive">
    /// False shows the documents the server prerenders without the app's scripts, styles and images (see
    /// <see cref="XssProbe.VisitAsync"/>). Blazor renders the same components in the browser, so this checks hundreds
    /// of pages in seconds; the tests check a sample interactively as well.
    /// </param>
    public async Task<XssProbe> NewProbeAsync(bool interactive = true)
    {
        var context = await TestAccounts.AdminContextAsync(published.Browser, new BrowserNewContextOptions
        {
            BaseURL = BaseUrl,
            BypassCSP = true,
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        var page = await context.NewPageAsync();
        if (!interactive)
        {
            // Blocked inside Chromium rather than through page.RouteAsync, which would cost a round trip per request.
            var devTools = await context.NewCDPSessionAsync(page);
            await devTools.SendAsync("Network.enable");
            await devTools.SendAsync("Network.setBlockedURLs", new Dictionary<string, object> { ["urls"] = new[] { "*.js", "*.css", "*.png", "*.woff2" } });
            // Documents are parsed in place on the app's origin, so the page starts there.
            await page.GotoAsync("/healthz");
        }
        return new XssProbe(page, interactive);
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
