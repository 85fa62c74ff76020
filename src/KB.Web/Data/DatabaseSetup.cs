using System.Reflection;
using System.Runtime.Loader;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace KB.Web.Data;

public static class DatabaseSetup
{
    /// <summary>
    /// The migrations reference this assembly for the model, so it cannot reference them: KB.Web.csproj ships their
    /// assemblies beside the app's, and the configured provider's is loaded from there.
    /// </summary>
    private static readonly Lazy<Assembly> SqliteMigrations = new(() => LoadMigrations("KB.Migrations.Sqlite.dll"));

    private static readonly Lazy<Assembly> PostgresMigrations = new(() => LoadMigrations("KB.Migrations.Postgres.dll"));

    public static IServiceCollection AddDatabase(this IServiceCollection services)
    {
        services.AddSingleton(provider => DatabaseProvider.Of(provider.GetRequiredService<IConfiguration>()));
        services.AddDbContextFactory<KbDb>((provider, options) =>
        {
            var configured = provider.GetRequiredService<IConfiguration>().GetConnectionString("KB");
            if (provider.GetRequiredService<DatabaseProvider>() == DatabaseProvider.Postgres)
            {
                options.UsePostgres(string.IsNullOrWhiteSpace(configured)
                    ? throw new InvalidOperationException($"{DatabaseProvider.SettingKey} is 'postgres' but ConnectionStrings:KB is empty: set it to an Npgsql connection string (Host=...;Database=...;Username=...;Password=...).")
                    : configured);
            }
            else
            {
                options.UseSqliteFile(ResolveConnectionString(configured, provider.GetRequiredService<IHostEnvironment>().ContentRootPath));
            }
            options.UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking);
        });
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        return services;
    }

    /// <summary>A PostgreSQL database with the app's PostgreSQL migrations.</summary>
    public static DbContextOptionsBuilder UsePostgres(this DbContextOptionsBuilder options, string connectionString) => options
        .UseNpgsql(connectionString, npgsql => npgsql.MigrationsAssembly(PostgresMigrations.Value));

    /// <summary>A SQLite file with the app's migrations and per-connection settings.</summary>
    public static DbContextOptionsBuilder UseSqliteFile(this DbContextOptionsBuilder options, string connectionString) => options
        .UseSqlite(connectionString, sqlite => sqlite.MigrationsAssembly(SqliteMigrations.Value))
        .AddInterceptors(new SqlitePragmas());

    /// <summary>The advisory lock's number: any constant the app's nodes agree on ("502 Desk" in ASCII, folded to 64 bits).</summary>
    private const long MigrationLockKey = 0x3530_3220_4465_736B;

    public static async Task MigrateDatabaseAsync(this WebApplication app)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<KbDb>>().CreateDbContextAsync();
        await MigrateAsync(db);
    }

    /// <summary>
    /// On PostgreSQL, applies the migrations not yet applied. On SQLite, creates the database file if needed, switches it to WAL, takes over a database of the release whose schema DbUp
    /// applied, and applies the migrations not yet applied.
    /// </summary>
    public static async Task MigrateAsync(KbDb db, CancellationToken cancellationToken = default)
    {
        if (!db.Database.IsSqlite())
        {
            // PostgreSQL has no journal mode to set and never held a schema DbUp made: the migrations are all there is.
            // EF Core's own lock is held per migration's transaction, so two nodes starting at once could both apply a
            // later migration; one session-wide advisory lock for the whole run makes them take turns.
            await db.Database.OpenConnectionAsync(cancellationToken);
            try
            {
                await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_lock({MigrationLockKey})", cancellationToken);
                await db.Database.MigrateAsync(cancellationToken);
                await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_unlock({MigrationLockKey})", cancellationToken);
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
            return;
        }
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

    private static Assembly LoadMigrations(string file) =>
        AssemblyLoadContext.Default.LoadFromAssemblyPath(Path.Combine(AppContext.BaseDirectory, file));

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
