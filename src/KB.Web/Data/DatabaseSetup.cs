using System.Reflection;
using DbUp;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace KB.Web.Data;

public static class DatabaseSetup
{
    public static IServiceCollection AddDatabase(this IServiceCollection services)
    {
        services.AddDbContextFactory<KbDb>((provider, options) => options
            .UseAppDatabase(provider)
            .UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking));
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        return services;
    }

    /// <summary>The configured SQLite file with the app's per-connection settings: every DbContext of the app uses it.</summary>
    public static DbContextOptionsBuilder UseAppDatabase(this DbContextOptionsBuilder options, IServiceProvider provider) => options
        .UseSqlite(ResolveConnectionString(
            provider.GetRequiredService<IConfiguration>().GetConnectionString("KB"),
            provider.GetRequiredService<IHostEnvironment>().ContentRootPath))
        .AddInterceptors(new SqlitePragmas());

    public static void MigrateDatabase(this WebApplication app)
    {
        using var db = app.Services.GetRequiredService<IDbContextFactory<KbDb>>().CreateDbContext();
        Migrate(db.Database.GetConnectionString()!);
    }

    /// <summary>Creates the database file if needed, switches it to WAL and applies the schema scripts not yet applied.</summary>
    public static void Migrate(string connectionString)
    {
        using (var connection = new SqliteConnection(connectionString))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA journal_mode = WAL;";
            command.ExecuteNonQuery();
        }

        var result = DeployChanges.To
            .SqliteDatabase(connectionString)
            .WithScriptsEmbeddedInAssembly(Assembly.GetExecutingAssembly(), name => name.Contains(".Data.Schema."))
            .WithTransactionPerScript()
            .LogToNowhere()
            .Build()
            .PerformUpgrade();
        if (!result.Successful)
        {
            throw new InvalidOperationException($"The database schema could not be upgraded ({result.ErrorScript?.Name}).", result.Error);
        }
    }

    /// <summary>A relative data source is taken relative to the content root, and its folder is created.</summary>
    internal static string ResolveConnectionString(string? configured, string contentRoot)
    {
        var builder = new SqliteConnectionStringBuilder(string.IsNullOrWhiteSpace(configured) ? "Data Source=data/kb.db" : configured);
        if (builder.DataSource != ":memory:" && builder.Mode != SqliteOpenMode.Memory)
        {
            var path = Path.GetFullPath(builder.DataSource, contentRoot);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            builder.DataSource = path;
        }
        builder.DefaultTimeout = 30;
        return builder.ToString();
    }
}
