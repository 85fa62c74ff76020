using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace KB.Web.Data;

/// <summary>
/// The first release applied its schema with DbUp, which lists the scripts it ran in SchemaVersions. The baseline
/// migration creates that same schema, so such a database is recorded as having it, and only later migrations run.
/// </summary>
public static class DbUpSchema
{
    /// <summary>The scripts of the first release, as DbUp named them in SchemaVersions.</summary>
    public static readonly IReadOnlyList<string> ReleasedScripts =
    [
        "KB.Web.Data.Schema.0001-article-search.sql",
        "KB.Web.Data.Schema.0002-incidents.sql",
        "KB.Web.Data.Schema.0003-accounts.sql",
        "KB.Web.Data.Schema.0004-article-revisions.sql",
        "KB.Web.Data.Schema.0005-audit.sql",
    ];

    /// <summary>On a database that DbUp made and EF Core has not migrated yet, records the baseline migration as applied.</summary>
    /// <exception cref="InvalidOperationException">DbUp applied only some of the scripts: the schema is not one this version knows.</exception>
    public static async Task TakeOverAsync(KbDb db, CancellationToken cancellationToken = default)
    {
        var history = db.GetService<IHistoryRepository>();
        if (!await TableExistsAsync(db, "SchemaVersions", cancellationToken) || await history.ExistsAsync(cancellationToken))
        {
            return;
        }
        var applied = await db.Database.SqlQueryRaw<string>("SELECT ScriptName AS Value FROM SchemaVersions ORDER BY ScriptName").ToListAsync(cancellationToken);
        if (!applied.SequenceEqual(ReleasedScripts, StringComparer.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException(
                $"The database {db.Database.GetDbConnection().DataSource} was made by the first release of 502 Desk, but its SchemaVersions table lists "
                + $"{(applied.Count == 0 ? "no scripts" : string.Join(", ", applied))} instead of {string.Join(", ", ReleasedScripts)}. "
                + "Its schema is not one this version can upgrade: start the first release on it once to finish its upgrade, or restore a backup.");
        }
        var baseline = db.Database.GetMigrations().First();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlRawAsync(history.GetCreateIfNotExistsScript(), cancellationToken);
        await db.Database.ExecuteSqlRawAsync(history.GetInsertScript(new HistoryRow(baseline, ProductInfo.GetVersion())), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private static async Task<bool> TableExistsAsync(KbDb db, string name, CancellationToken cancellationToken) =>
        await db.Database.SqlQuery<int>($"SELECT count(*) AS Value FROM sqlite_master WHERE type = 'table' AND name = {name} COLLATE NOCASE")
            .SingleAsync(cancellationToken) > 0;
}
