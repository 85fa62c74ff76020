using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace KB.EndToEnd;

/// <summary>
/// SQLite's own habit: kill the writer mid-run and check what was promised is still there. Runs its own instance of
/// the published app on its own database, so the shared instance of the other tests is never killed.
/// </summary>
[ClosesItsPages]
[Collection(PublishedAppCollection.Name)]
public sealed class CrashSafetyTests(PublishedApp published, ITestOutputHelper output) : IDisposable
{
    private const int Writers = 100;
    private const int MaxWritesPerWriter = 50;
    private const int AcknowledgedBeforeKill = 300;
    private static readonly TimeSpan MaxLoad = TimeSpan.FromSeconds(10);

    private readonly string _folder = Directory.CreateTempSubdirectory("kb-crash-").FullName;

    private string DatabasePath => Path.Combine(_folder, "kb.db");

    [Fact]
    public async Task Every_acknowledged_incident_survives_a_sigkill_mid_run_and_the_file_stays_intact()
    {
        var acknowledged = new ConcurrentDictionary<int, string>();
        var failedInFlight = 0;
        await using (var app = await StartAppAsync())
        {
            using var client = TestAccounts.ApiClient(app.BaseUrl, TimeSpan.FromSeconds(30));
            using var stop = new CancellationTokenSource(MaxLoad + TimeSpan.FromSeconds(20));
            var writers = Enumerable.Range(0, Writers).Select(writer => Task.Run(async () =>
            {
                for (var i = 0; i < MaxWritesPerWriter && !stop.IsCancellationRequested; i++)
                {
                    var title = $"crash {writer}-{i}";
                    try
                    {
                        var response = await client.PostAsJsonAsync(
                            "/api/incidents", new { title, service = "checkout", errorLog = "upstream prematurely closed connection while reading response header from upstream" }, stop.Token);
                        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
                        var id = JsonDocument.Parse(await response.Content.ReadAsStringAsync(stop.Token)).RootElement.GetProperty("id").GetInt32();
                        acknowledged[id] = title;
                    }
                    catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or IOException)
                    {
                        // The kill cut this request off: it was never acknowledged, so it may or may not be there.
                        Interlocked.Increment(ref failedInFlight);
                        return;
                    }
                }
            })).ToList();

            var deadline = DateTime.UtcNow + MaxLoad;
            while (acknowledged.Count < AcknowledgedBeforeKill && DateTime.UtcNow < deadline && !writers.All(writer => writer.IsCompleted))
            {
                await Task.Delay(10);
            }
            await app.KillAsync();
            await Task.WhenAll(writers).WaitAsync(TimeSpan.FromSeconds(60));
        }

        output.WriteLine($"{acknowledged.Count} creations acknowledged, {failedInFlight} requests cut off by the kill");
        Assert.True(acknowledged.Count >= 100, $"only {acknowledged.Count} creations were acknowledged before the kill");
        Assert.True(failedInFlight > 0, "no request was in flight when the app was killed");

        await using var restarted = await StartAppAsync();
        using var reader = TestAccounts.ApiClient(restarted.BaseUrl, TimeSpan.FromSeconds(30));
        var missing = new List<string>();
        foreach (var (id, title) in acknowledged.OrderBy(pair => pair.Key))
        {
            var response = await reader.GetAsync($"/api/incidents/{id}");
            if (response.StatusCode != HttpStatusCode.OK)
            {
                missing.Add($"{id} ({title}): {(int)response.StatusCode}");
                continue;
            }
            var stored = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("title").GetString();
            if (stored != title)
            {
                missing.Add($"{id}: \"{stored}\", expected \"{title}\"");
            }
        }
        Assert.True(missing.Count == 0, $"{missing.Count} of {acknowledged.Count} acknowledged incidents are lost or changed: {string.Join("; ", missing.Take(20))}");
        Assert.Equal("ok", await IntegrityCheckAsync());
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private Task<RunningApp> StartAppAsync() => RunningApp.StartAsync(Path.Combine(published.PublishFolder, "KB.Web"), [], published.PublishFolder, new Dictionary<string, string>
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["ConnectionStrings__KB"] = $"Data Source={DatabasePath}",
        ["KB__ContentPath"] = Repository.Path("content"),
    });

    private async Task<string> IntegrityCheckAsync()
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = DatabasePath, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check";
        var results = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            results.Add(reader.GetString(0));
        }
        return string.Join("\n", results);
    }
}
