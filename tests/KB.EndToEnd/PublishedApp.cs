using Microsoft.Playwright;

namespace KB.EndToEnd;

/// <summary>
/// The app as it is deployed: `dotnet publish` output, run in Production on a temp SQLite file, with a copy of the
/// shipped content plus one hostile article. Shared by every browser test, with one Chromium.
/// </summary>
public sealed class PublishedApp : IAsyncLifetime
{
    public const string HostileSlug = "hostile-markdown-probe";

    private readonly string _root = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "kb-e2e-" + Guid.NewGuid().ToString("N")[..12]);
    private RunningApp? _app;
    private IPlaywright? _playwright;

    public string BaseUrl => _app!.BaseUrl;

    /// <summary>What the app has logged so far: the place to look when a browser test fails.</summary>
    public string AppOutput => _app?.Output ?? "";

    public string PublishFolder => System.IO.Path.Combine(_root, "app");

    public IBrowser Browser { get; private set; } = null!;

    private static PublishedApp? _current;

    /// <summary>Closes the browser contexts of the test that just ended (see <see cref="ClosesItsPagesAttribute"/>).</summary>
    internal static async Task CloseAllPagesAsync()
    {
        if (_current?.Browser is not { } browser)
        {
            return;
        }
        foreach (var context in browser.Contexts.ToList())
        {
            await context.CloseAsync();
        }
    }

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_root);
        await RunningApp.RunToEndAsync("dotnet", ["publish", "src/KB.Web", "-c", "Release", "-o", PublishFolder, "-nologo", "-v", "q"], Repository.Root, TimeSpan.FromMinutes(8));

        var content = System.IO.Path.Combine(_root, "content");
        CopyFolder(Repository.Path("content"), content);
        await File.WriteAllTextAsync(System.IO.Path.Combine(content, "diagnostics", HostileSlug + ".md"), HostileMarkdown.Article(HostileSlug));

        _app = await RunningApp.StartAsync(System.IO.Path.Combine(PublishFolder, "KB.Web"), [], PublishFolder, new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ConnectionStrings__KB"] = $"Data Source={System.IO.Path.Combine(_root, "kb.db")}",
            ["KB__ContentPath"] = content,
        });

        // Five seconds, Playwright's default, is too short for a 2-core machine that is also publishing or paging.
        Assertions.SetDefaultExpectTimeout(15_000);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("KB_CHROMIUM") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        _current = this;
    }

    /// <summary>
    /// A fresh browser context (its own cookies and storage) with one page, at the given width: signed in as the admin
    /// unless <paramref name="signedIn"/> is false.
    /// </summary>
    public async Task<IPage> NewPageAsync(int width = 1280, int height = 900, bool signedIn = true)
    {
        var options = new BrowserNewContextOptions { BaseURL = BaseUrl, ViewportSize = new ViewportSize { Width = width, Height = height } };
        var context = signedIn ? await TestAccounts.AdminContextAsync(Browser, options) : await Browser.NewContextAsync(options);
        await context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"], new BrowserContextGrantPermissionsOptions { Origin = BaseUrl });
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (_playwright is not null)
        {
            await Browser.CloseAsync();
            _playwright.Dispose();
        }
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

    public static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = System.IO.Path.Combine(to, System.IO.Path.GetRelativePath(from, file));
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class PublishedAppCollection : ICollectionFixture<PublishedApp>
{
    public const string Name = "published app";
}
