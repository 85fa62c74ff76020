using System.Net;
using KB.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KB.Tests.Platform;

public class PlatformTests
{
    [Fact]
    public async Task Healthz_answers_200_when_the_database_answers()
    {
        using var app = new KbApp();

        var response = await app.CreateClient().GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Healthz_answers_503_when_the_database_is_gone()
    {
        using var app = new KbApp();
        var client = app.CreateClient();
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<KbDb>>().CreateDbContextAsync())
        {
            await db.Database.ExecuteSqlRawAsync("DROP TABLE \"__EFMigrationsHistory\"");
        }

        var response = await client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
    }

    [Fact]
    public async Task Database_is_created_in_wal_mode_with_a_busy_timeout_and_the_schema_applied()
    {
        using var app = new KbApp();
        _ = app.Server;
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<KbDb>>().CreateDbContextAsync();

        Assert.True(File.Exists(app.DatabasePath));
        Assert.Equal("wal", await ScalarAsync<string>(db, "PRAGMA journal_mode"));
        Assert.Equal(5000, await ScalarAsync<long>(db, "PRAGMA busy_timeout"));
        Assert.True(await ScalarAsync<long>(db, "SELECT count(*) FROM \"__EFMigrationsHistory\"") >= 1);
    }

    [Fact]
    public async Task Restarting_on_the_same_file_keeps_the_schema_and_rebuilds_the_index()
    {
        using var folder = new TempFolder();
        var connection = $"Data Source={folder.Combine("kb.db")}";
        for (var start = 0; start < 2; start++)
        {
            using var app = new ConnectionStringApp(connection);
            Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().GetAsync("/healthz")).StatusCode);
        }
    }

    [Fact]
    public void A_relative_database_path_is_placed_under_the_content_root()
    {
        using var folder = new TempFolder();

        var resolved = DatabaseSetup.ResolveConnectionString("Data Source=data/kb.db", folder.Path);

        Assert.Contains(folder.Combine("data", "kb.db"), resolved);
        Assert.True(Directory.Exists(folder.Combine("data")));
    }

    /// <summary>Production serving is proven on the published app by the end-to-end tests.</summary>
    [Fact]
    public async Task Static_files_from_the_top_level_wwwroot_are_served_in_development()
    {
        using var app = new KbApp();
        var client = app.CreateClient();

        var css = await client.GetAsync("/app.css");
        var js = await client.GetAsync("/app.js");

        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(TestPaths.RepositoryRoot, "wwwroot", "app.css")), await css.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.OK, js.StatusCode);
    }

    private static async Task<T> ScalarAsync<T>(KbDb db, string sql)
    {
        await db.Database.OpenConnectionAsync();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        return (T)(await command.ExecuteScalarAsync())!;
    }

    private sealed class ConnectionStringApp(string connectionString) : Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            builder.UseSetting("ConnectionStrings:KB", connectionString);
            builder.UseSetting("KB:ContentPath", TestPaths.ShippedContent);
        }
    }
}
