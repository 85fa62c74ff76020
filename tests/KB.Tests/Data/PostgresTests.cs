using KB.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KB.Tests.Data;

/// <summary>The PostgreSQL schema: what only a PostgreSQL database can show.</summary>
[Trait("Category", TestDatabase.Category)]
public sealed class PostgresTests : IDisposable
{
    private readonly TestDatabase _database = new(empty: true);

    public void Dispose() => _database.Dispose();

    private static Task<KbDb> NewDbAsync(KbApp app) => app.Services.GetRequiredService<IDbContextFactory<KbDb>>().CreateDbContextAsync();

    [PostgresFact]
    public async Task Every_migration_applies_to_an_empty_database_and_leaves_the_model_and_the_audit_trigger_in_place()
    {
        using var app = new KbApp(database: _database);
        await using var db = await NewDbAsync(app);

        Assert.True(db.Database.IsNpgsql());
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
        Assert.False(db.Database.HasPendingModelChanges());
        var triggers = await db.Database.SqlQuery<string>($"SELECT tgname AS \"Value\" FROM pg_trigger WHERE tgrelid = 'audit_entries'::regclass AND NOT tgisinternal ORDER BY tgname").ToListAsync();
        Assert.Equal(["audit_entries_no_change", "audit_entries_no_truncate"], triggers);
    }

    [PostgresFact]
    public async Task Two_nodes_starting_at_once_on_an_empty_database_both_come_up_on_one_schema()
    {
        using var first = new KbApp(database: _database);
        using var second = new KbApp(database: _database);

        await Task.WhenAll(Task.Run(() => first.Server), Task.Run(() => second.Server));

        Assert.Equal("Healthy", await first.CreateAnonymousClient().GetStringAsync("/healthz"));
        Assert.Equal("Healthy", await second.CreateAnonymousClient().GetStringAsync("/healthz"));
        await using var db = await NewDbAsync(first);
        Assert.Equal(db.Database.GetMigrations().Count(), await db.Database.SqlQuery<int>($"SELECT count(*)::int AS \"Value\" FROM \"__EFMigrationsHistory\"").SingleAsync());
    }
}

public sealed class DatabaseProviderTests
{
    [Fact]
    public void An_unknown_provider_stops_the_start_with_a_message_naming_the_choices()
    {
        using var app = new KbApp(settings: new() { ["KB:Database:Provider"] = "mysql" });

        var error = Assert.Throws<InvalidOperationException>(() => app.Server);

        Assert.Contains("KB:Database:Provider is 'mysql'", error.Message);
        Assert.Contains("'sqlite' (the default) or 'postgres'", error.Message);
    }

    [Fact]
    public void Postgres_without_a_connection_string_says_what_to_set()
    {
        using var app = new KbApp(settings: new() { ["KB:Database:Provider"] = "postgres", ["ConnectionStrings:KB"] = "" });

        var error = Assert.Throws<InvalidOperationException>(() => app.Server);

        Assert.Contains("ConnectionStrings:KB is empty", error.Message);
    }
}
