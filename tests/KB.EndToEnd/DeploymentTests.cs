using System.Net;

namespace KB.EndToEnd;

/// <summary>Static files from the top-level wwwroot/ are served the ways the app is run.</summary>
[ClosesItsPages]
[Collection(PublishedAppCollection.Name)]
public class DeploymentTests(PublishedApp published)
{
    private static readonly byte[] AppCss = File.ReadAllBytes(Repository.Path("wwwroot", "app.css"));

    [Theory]
    [InlineData("/app.css")]
    [InlineData("/app.js")]
    [InlineData("/favicon.png")]
    public async Task Published_app_in_production_serves_the_top_level_static_files_with_their_bytes(string path)
    {
        using var client = TestAccounts.ApiClient();

        var response = await client.GetAsync(published.BaseUrl + path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(await File.ReadAllBytesAsync(Repository.Path("wwwroot", path.TrimStart('/'))), await response.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("/_framework/blazor.web.js")]
    [InlineData("/_content/MudBlazor/MudBlazor.min.css")]
    public async Task Published_app_serves_framework_and_package_assets_before_anyone_signs_in(string path)
    {
        using var anonymous = new HttpClient();

        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(published.BaseUrl + path)).StatusCode);
    }

    [Fact]
    public async Task The_stylesheets_and_scripts_a_page_links_to_reach_the_browser_compressed()
    {
        using var anonymous = new HttpClient(new HttpClientHandler { AutomaticDecompression = DecompressionMethods.None });
        var page = await anonymous.GetStringAsync(published.BaseUrl + "/account/signin");
        var assets = System.Text.RegularExpressions.Regex.Matches(page, "(?:href|src)=\"/?([^\"]+\\.(?:css|js))\"").Select(match => match.Groups[1].Value).ToList();
        Assert.Contains(assets, asset => asset.Contains("MudBlazor.min", StringComparison.Ordinal) && asset.EndsWith(".css", StringComparison.Ordinal));

        foreach (var asset in assets)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"{published.BaseUrl}/{asset}");
            request.Headers.AcceptEncoding.ParseAdd("br, gzip");
            using var response = await anonymous.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.True(response.Content.Headers.ContentEncoding.Count > 0, $"{asset} is sent uncompressed ({response.Content.Headers.ContentLength} bytes)");
        }
    }

    [Fact]
    public async Task Published_app_started_from_another_folder_serves_its_files_and_keeps_its_data_beside_itself()
    {
        using var elsewhere = new TempDirectory();
        var database = $"data/elsewhere-{Guid.NewGuid():N}.db";
        await using var app = await RunningApp.StartAsync(Path.Combine(published.PublishFolder, "KB.Web"), [], elsewhere.Path, new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ConnectionStrings__KB"] = $"Data Source={database}",
        });
        using var anonymous = new HttpClient();

        var css = await anonymous.GetAsync(app.BaseUrl + "/app.css");
        var script = await anonymous.GetAsync(app.BaseUrl + "/_framework/blazor.web.js");

        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        Assert.Equal("text/css", css.Content.Headers.ContentType?.MediaType);
        Assert.Equal(AppCss, await css.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.True(File.Exists(Path.Combine(published.PublishFolder, database)), $"{database} is not beside the published app");
        Assert.Empty(Directory.GetFileSystemEntries(elsewhere.Path));
    }

    [Fact]
    public void Published_app_carries_the_shipped_content()
    {
        Assert.True(File.Exists(Path.Combine(published.PublishFolder, "content", "causes", "dns-resolution.md")));
    }

    [Fact]
    public async Task Dotnet_run_in_development_serves_the_top_level_static_files()
    {
        using var data = new TempDirectory();
        await using var app = await RunningApp.StartAsync(
            "dotnet",
            ["run", "--no-build", "--no-launch-profile", "--project", "src/KB.Web", "--"],
            Repository.Root,
            new Dictionary<string, string>
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Development",
                ["ConnectionStrings__KB"] = $"Data Source={Path.Combine(data.Path, "kb.db")}",
            });
        using var client = TestAccounts.ApiClient();

        var css = await client.GetAsync(app.BaseUrl + "/app.css");
        var kb = await client.GetStringAsync(app.BaseUrl + "/kb/dns-resolution");

        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        Assert.Equal(AppCss, await css.Content.ReadAsByteArrayAsync());
        Assert.Contains("<h1", kb);
    }

    private sealed class TempDirectory : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("kb-e2e-").FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
