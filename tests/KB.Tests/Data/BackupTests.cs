using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using KB.Web.Data;
using Microsoft.Data.Sqlite;

namespace KB.Tests.Data;

public sealed class BackupTests : IDisposable
{
    private readonly KbApp _app = new();
    private readonly TempFolder _backups = new();

    public void Dispose()
    {
        _app.Dispose();
        _backups.Dispose();
    }

    [Fact]
    public async Task A_backup_taken_while_the_app_writes_restores_with_its_incidents()
    {
        var client = _app.CreateClient();
        var created = new Dictionary<int, string>();
        foreach (var title in new[] { "502 on checkout", "502 on login", "502 on search" })
        {
            created[await CreateAsync(client, title)] = title;
        }
        var backup = _backups.Combine("nightly", "kb.db");

        var writesDuringBackup = Task.WhenAll(Enumerable.Range(0, 20).Select(i => CreateAsync(client, $"written during the backup {i}")));
        var exitCode = await DatabaseBackup.BackupAsync($"Data Source={_app.DatabasePath}", backup);
        await writesDuringBackup;

        Assert.Equal(0, exitCode);
        Assert.Equal("ok", await ScalarAsync(backup, "PRAGMA integrity_check"));
        using var restored = new KbApp();
        File.Copy(backup, restored.DatabasePath);
        var restoredClient = restored.CreateClient();
        foreach (var (id, title) in created)
        {
            var response = await restoredClient.GetAsync($"/api/incidents/{id}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(title, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("title").GetString());
        }
    }

    [Fact]
    public async Task A_backup_replaces_an_older_backup_file_and_its_stale_write_ahead_log()
    {
        await CreateAsync(_app.CreateClient(), "502 on checkout");
        var backup = _backups.Write("kb.db", "not a database");
        _backups.Write("kb.db-wal", "stale log of an older backup");

        var exitCode = await DatabaseBackup.BackupAsync($"Data Source={_app.DatabasePath}", backup);

        Assert.Equal(0, exitCode);
        Assert.Equal(backup, Assert.Single(Directory.GetFiles(_backups.Path)));
        Assert.Equal("1", await ScalarAsync(backup, "SELECT count(*) FROM incidents"));
    }

    [Fact]
    public async Task A_backup_refuses_to_overwrite_the_live_database()
    {
        await CreateAsync(_app.CreateClient(), "502 on checkout");

        var exitCode = await DatabaseBackup.BackupAsync($"Data Source={_app.DatabasePath}", _app.DatabasePath);

        Assert.Equal(1, exitCode);
        Assert.Equal("1", await ScalarAsync(_app.DatabasePath, "SELECT count(*) FROM incidents"));
    }

    private static async Task<int> CreateAsync(HttpClient client, string title)
    {
        var response = await client.PostAsJsonAsync("/api/incidents", new { title, service = "checkout" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt32();
    }

    private static async Task<string> ScalarAsync(string databaseFile, string sql)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databaseFile, Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture)!;
    }
}
