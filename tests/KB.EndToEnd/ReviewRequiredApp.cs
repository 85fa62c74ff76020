namespace KB.EndToEnd;

/// <summary>An app of a test's own, on the published build, with a copy of the shipped content and KB:Editing:RequireReview on.</summary>
public sealed class ReviewRequiredApp : IAsyncDisposable
{
    private readonly string _folder;

    private ReviewRequiredApp(string folder, RunningApp app)
    {
        _folder = folder;
        App = app;
    }

    public RunningApp App { get; }

    public string BaseUrl => App.BaseUrl;

    public static async Task<ReviewRequiredApp> StartAsync(PublishedApp published)
    {
        var folder = Directory.CreateTempSubdirectory("kb-review-").FullName;
        var content = Path.Combine(folder, "content");
        PublishedApp.CopyFolder(Repository.Path("content"), content);
        var app = await RunningApp.StartAsync(Path.Combine(published.PublishFolder, "KB.Web"), [], published.PublishFolder, new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ConnectionStrings__KB"] = $"Data Source={Path.Combine(folder, "kb.db")}",
            ["KB__ContentPath"] = content,
            ["KB__Editing__RequireReview"] = "true",
        });
        return new ReviewRequiredApp(folder, app);
    }

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }
}
