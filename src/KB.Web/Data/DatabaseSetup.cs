using System.Reflection;
using System.Runtime.Loader;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace KB.Web.Data;

public static class DatabaseSetup
{
    /// <summary>
    /// The SQLite migrations reference this assembly for the model, so it cannot reference them: KB.Web.csproj ships
    /// their assembly beside the app's, and it is loaded from there.
    /// </summary>
    private static readonly Lazy<Assembly> SqliteMigrations = new(() =>
        AssemblyLoadContext.Default.LoadFromAssemblyPath(Path.Combine(AppContext.BaseDirectory, "KB.Migrations.Sqlite.dll")));

    public static IServiceCollection AddDatabase(this IServiceCollection services)
    {
        services.AddDbContextFactory<KbDb>((provider, options) => options
            .UseSqliteFile(ResolveConnectionString(
                provider.GetRequiredService<IConfiguration>().GetConnectionString("KB"),
                provider.GetRequiredService<IHostEnvironment>().ContentRootPath))
            .UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking));
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        return services;
    }

    /// <summary>A SQLite file with the app's migrations and per-connection settings.</summary>
    public static DbContextOptionsBuilder UseSqliteFile(this DbContextOptionsBuilder options, string connectionString) => options
        .UseSqlite(connectionString, sqlite => sqlite.MigrationsAssembly(SqliteMigrations.Value))
        .AddInterceptors(new SqlitePragmas());

    public static async Task MigrateDatabaseAsync(this WebApplication app)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<KbDb>>().CreateDbContextAsync();
        await MigrateAsync(db);
    }

    /// <summary>
    /// Creates the database file if needed, switches it to WAL, takes over a database of the release whose schema DbUp
    /// applied, and applies the migrations not yet applied.
    /// </summary>
    public static async Task MigrateAsync(KbDb db, CancellationToken cancellationToken = default)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode = WAL;", cancellationToken);
            await DbUpSchema.TakeOverAsync(db, cancellationToken);
            await db.Database.MigrateAsync(cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
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
