using System.Net;
using System.Net.Http.Json;
using Microsoft.Data.Sqlite;

namespace KB.EndToEnd;

/// <summary>`dotnet run --project src/KB.Web -- backup &lt;file&gt;`, the way the README tells an operator to run it.</summary>
[ClosesItsPages]
[Collection(PublishedAppCollection.Name)]
public sealed class BackupCommandTests(PublishedApp published) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("kb-backup-").FullName;

    private string DatabasePath => Path.Combine(_folder, "kb.db");

    [Fact]
    public async Task Backup_command_copies_the_live_database_while_the_app_runs_and_exits()
    {
        await using var app = await RunningApp.StartAsync(Path.Combine(published.PublishFolder, "KB.Web"), [], published.PublishFolder, new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ConnectionStrings__KB"] = $"Data Source={DatabasePath}",
            ["KB__ContentPath"] = Repository.Path("content"),
        });
        using var client = TestAccounts.ApiClient(app.BaseUrl);
        string[] titles = ["backup probe one", "backup probe two", "backup probe three"];
        foreach (var title in titles)
        {
            Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/api/incidents", new { title, service = "billing" })).StatusCode);
        }
        var backup = Path.Combine(_folder, "backups", "nightly", "kb-backup.db");

        var output = await RunningApp.RunToEndAsync(
            "dotnet",
            ["run", "--no-build", "--no-launch-profile", "--project", "src/KB.Web", "--", "backup", backup],
            Repository.Root,
            TimeSpan.FromMinutes(2),
            new Dictionary<string, string> { ["ConnectionStrings__KB"] = $"Data Source={DatabasePath}" });

        Assert.Contains(backup, output);
        Assert.Equal(titles, await TitlesAsync(backup));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private static async Task<List<string>> TitlesAsync(string databaseFile)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databaseFile, Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT title FROM incidents ORDER BY id";
        var titles = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            titles.Add(reader.GetString(0));
        }
        return titles;
    }
}
