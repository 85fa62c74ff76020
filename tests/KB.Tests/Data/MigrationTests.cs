using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using KB.Web.Data;
using KB.Web.Features.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KB.Tests.Data;

/// <summary>
/// The schema made by the EF Core migrations, and the take-over of a database of the first release, whose schema DbUp
/// applied from the scripts kept verbatim in Data/ReleasedSchema.
/// </summary>
public sealed class MigrationTests : IDisposable
{
    private const string Password = "an old but long passphrase 7";
    private const string PersonalToken = "kb_released-personal-token-0123456789";

    private readonly KbApp _app = new(settings: KbApp.WithoutAdmin);

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Every_released_table_index_trigger_and_the_search_table_exist_after_all_migrations()
    {
        _ = _app.Server;
        using var released = new TempFolder();
        var releasedDb = released.Combine("released.db");
        await CreateReleasedDatabaseAsync(releasedDb);

        var migrated = await SchemaObjectsAsync(_app.DatabasePath);

        Assert.Superset(await SchemaObjectsAsync(releasedDb), migrated);
        Assert.Contains("trigger audit_entries_no_update", migrated);
        Assert.Contains("trigger audit_entries_no_delete", migrated);
        Assert.Contains("fts5", await ScalarAsync<string>(_app.DatabasePath, "SELECT sql FROM sqlite_master WHERE name = 'article_search'"));
    }

    /// <summary>A migration that rebuilds a SQLite table makes the new one from the model, so the model must hold all of it.</summary>
    [Fact]
    public async Task The_model_describes_every_column_index_and_foreign_key_of_the_migrated_tables()
    {
        _ = _app.Server;
        using var folder = new TempFolder();
        var fromModel = folder.Combine("model.db");
        await using var db = await _app.Services.GetRequiredService<IDbContextFactory<KbDb>>().CreateDbContextAsync();
        await ExecuteAsync(fromModel, db.Database.GenerateCreateScript());

        foreach (var table in db.Model.GetEntityTypes().Select(entity => entity.GetTableName()!).Distinct())
        {
            Assert.Equal(await DescribeTableAsync(fromModel, table), await DescribeTableAsync(_app.DatabasePath, table));
        }
    }

    [Fact]
    public async Task A_database_of_the_first_release_is_taken_over_with_everything_in_it()
    {
        await CreateReleasedDatabaseAsync(_app.DatabasePath);
        await ExecuteAsync(_app.DatabasePath, ReleasedData());
        var signIn = await _app.SignInAsync("ada@example.test", Password);

        var incident = await signIn.GetFromJsonAsync<JsonElement>("/api/incidents/1");
        Assert.Equal("502 on checkout", incident.GetProperty("title").GetString());
        Assert.Equal(new[] { true, false }, incident.GetProperty("checklist").EnumerateArray().Select(step => step.GetProperty("done").GetBoolean()));
        Assert.Equal("Ada", incident.GetProperty("checklist")[0].GetProperty("doneBy").GetString());
        Assert.Equal("edge nginx logs connection refused", incident.GetProperty("timeline")[0].GetProperty("text").GetString());

        var tokenClient = _app.CreateAnonymousClient();
        tokenClient.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", PersonalToken);
        Assert.Equal(HttpStatusCode.OK, (await tokenClient.GetAsync("/api/incidents/1")).StatusCode);

        await using var db = await _app.Services.GetRequiredService<IDbContextFactory<KbDb>>().CreateDbContextAsync();
        Assert.Equal(new[] { "Ada", "Grace" }, await db.Users.OrderBy(x => x.DisplayName).Select(x => x.DisplayName).ToListAsync());
        Assert.True(await db.Sessions.AnyAsync(x => x.Id == "released-session"));
        Assert.Equal(new[] { "first save", "second save" }, await db.ArticleRevisions.OrderBy(x => x.Number).Select(x => x.Comment!).ToListAsync());
        Assert.Equal(2, await db.AuditEntries.CountAsync(x => x.Actor == "Ada" && x.At < new DateTime(2026, 2, 1)));
        Assert.Equal("20261201234317_Baseline", (await db.Database.GetAppliedMigrationsAsync()).First());
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(5, await ScalarAsync<long>(_app.DatabasePath, "SELECT count(*) FROM SchemaVersions"));
        var error = await Assert.ThrowsAsync<SqliteException>(() => ExecuteAsync(_app.DatabasePath, "UPDATE audit_entries SET actor = 'Mallory'"));
        Assert.Contains("audit entries are append-only", error.Message);
        await Assert.ThrowsAsync<SqliteException>(() => ExecuteAsync(_app.DatabasePath, "DELETE FROM audit_entries"));
    }

    [Fact]
    public async Task A_database_with_only_some_of_the_first_release_scripts_does_not_start()
    {
        await CreateReleasedDatabaseAsync(_app.DatabasePath, scripts: 3);

        var error = Record.Exception(() => _app.Server);

        Assert.IsType<InvalidOperationException>(error?.GetBaseException());
        Assert.Contains("0003-accounts.sql instead of", error.GetBaseException().Message);
        Assert.False(await TableExistsAsync(_app.DatabasePath, "__EFMigrationsHistory"));
    }

    /// <summary>The first release's database as DbUp made it: its journal table, then each script with its journal row.</summary>
    private static async Task CreateReleasedDatabaseAsync(string path, int scripts = 5)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "Data", "ReleasedSchema");
        var files = Directory.GetFiles(folder, "*.sql").Order(StringComparer.Ordinal).Take(scripts).ToList();
        await ExecuteAsync(path, """
            PRAGMA journal_mode = WAL;
            CREATE TABLE [SchemaVersions] (
                SchemaVersionID INTEGER CONSTRAINT [PK_SchemaVersions_Id] PRIMARY KEY AUTOINCREMENT NOT NULL,
                ScriptName TEXT NOT NULL,
                Applied DATETIME NOT NULL
            );
            """);
        foreach (var file in files)
        {
            await ExecuteAsync(path, await File.ReadAllTextAsync(file)
                + $"\nINSERT INTO SchemaVersions (ScriptName, Applied) VALUES ('KB.Web.Data.Schema.{Path.GetFileName(file)}', '2026-01-10 09:00:00.0000000');");
        }
    }

    private static string ReleasedData()
    {
        var hash = new PasswordHasher<Account>().HashPassword(new Account(), Password);
        return $"""
            INSERT INTO users (id, display_name, role, created_at, user_name, normalized_user_name, email, normalized_email, email_confirmed,
                password_hash, security_stamp, concurrency_stamp, phone_number_confirmed, two_factor_enabled, lockout_enabled, access_failed_count)
            VALUES ('u-ada', 'Ada', 'Admin', '2026-01-10T09:00:00.0000000Z', 'ada@example.test', 'ADA@EXAMPLE.TEST', 'ada@example.test', 'ADA@EXAMPLE.TEST', 1,
                '{hash}', 'STAMP-ADA', 'c1', 0, 0, 1, 0),
                   ('u-grace', 'Grace', 'Responder', '2026-01-11T09:00:00.0000000Z', 'grace@example.test', 'GRACE@EXAMPLE.TEST', 'grace@example.test', 'GRACE@EXAMPLE.TEST', 1,
                NULL, 'STAMP-GRACE', 'c2', 0, 0, 1, 0);
            INSERT INTO sessions (id, user_id, ticket, created_at, expires_at)
            VALUES ('released-session', 'u-grace', x'00', '2026-01-12T09:00:00.0000000Z', '2099-01-01T00:00:00.0000000Z');
            INSERT INTO api_tokens (user_id, name, hash, prefix, created_at)
            VALUES ('u-ada', 'deploy bot', '{Secrets.Hash(PersonalToken)}', '{PersonalToken[..10]}', '2026-01-12T09:00:00.0000000Z');
            INSERT INTO incidents (title, service, severity, status, started_at, error_log, cause, created_at, created_by)
            VALUES ('502 on checkout', 'checkout', 'SEV2', 'identified', '2026-01-15T08:00:00.0000000Z', 'connect() failed (111: Connection refused)',
                'upstream-down', '2026-01-15T08:01:00.0000000Z', 'Ada');
            INSERT INTO checklist_items (incident_id, position, text, done, done_by, done_at)
            VALUES (1, 0, 'Check the upstream is listening', 1, 'Ada', '2026-01-15T08:05:00.0000000Z'),
                   (1, 1, 'Restart the upstream safely', 0, NULL, NULL);
            INSERT INTO timeline_entries (incident_id, at, who, kind, text)
            VALUES (1, '2026-01-15T08:01:00.0000000Z', 'Ada', 'note', 'edge nginx logs connection refused');
            INSERT INTO article_revisions (slug, number, saved_at, saved_by, text, comment)
            VALUES ('upstream-down', 1, '2026-01-16T08:00:00.0000000Z', 'Ada', '---\nslug: upstream-down\n---\nFirst', 'first save'),
                   ('upstream-down', 2, '2026-01-17T08:00:00.0000000Z', 'Ada', '---\nslug: upstream-down\n---\nSecond', 'second save');
            INSERT INTO audit_entries (at, actor, action, subject_type, subject_id, summary)
            VALUES ('2026-01-15T08:01:00.0000000Z', 'Ada', 'incident.created', 'incident', '1', 'Logged 502 on checkout'),
                   ('2026-01-15T08:05:00.0000000Z', 'ada', 'incident.step', 'incident', '1', 'Ticked a step');
            """;
    }

    private static async Task<HashSet<string>> SchemaObjectsAsync(string path)
    {
        var objects = new HashSet<string>();
        await using var connection = await OpenAsync(path);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT type || ' ' || name FROM sqlite_master WHERE name NOT IN ('SchemaVersions', 'sqlite_sequence')";
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            objects.Add(reader.GetString(0));
        }
        return objects;
    }

    /// <summary>Columns (a key column is not null whether or not it says so), indexes and foreign keys, one line each.</summary>
    private static async Task<List<string>> DescribeTableAsync(string path, string table)
    {
        var lines = new List<string>();
        await using var connection = await OpenAsync(path);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT 'column ' || name || ' ' || type || ' ' || (CASE WHEN pk > 0 THEN 'key ' || pk ELSE "notnull" END) || ' ' || ifnull(dflt_value, '-')
                FROM pragma_table_info($table)
            UNION ALL
            SELECT 'index ' || list.name || ' ' || list."unique" || ' ' || (SELECT group_concat(info.name, ',') FROM pragma_index_info(list.name) AS info)
                FROM pragma_index_list($table) AS list WHERE list.origin = 'c'
            UNION ALL
            SELECT 'foreign key ' || "from" || ' ' || "table" || '.' || "to" || ' ' || on_delete FROM pragma_foreign_key_list($table)
            ORDER BY 1
            """;
        command.Parameters.AddWithValue("$table", table);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(0));
        }
        return lines;
    }

    private static async Task<bool> TableExistsAsync(string path, string table) =>
        await ScalarAsync<long>(path, $"SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '{table}'") > 0;

    private static async Task<T> ScalarAsync<T>(string path, string sql)
    {
        await using var connection = await OpenAsync(path);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (T)(await command.ExecuteScalarAsync())!;
    }

    private static async Task ExecuteAsync(string path, string sql)
    {
        await using var connection = await OpenAsync(path);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<SqliteConnection> OpenAsync(string path)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        await connection.OpenAsync();
        return connection;
    }
}
