using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace KB.Web.Data;

/// <summary>The `backup &lt;file&gt;` command: an online copy of the live database made with SQLite's backup API.</summary>
public static class DatabaseBackup
{
    public const string PostgresBackups = "The database is PostgreSQL: back it up with pg_dump and restore it with pg_restore (README, \"Running on PostgreSQL\").";

    public static async Task<int> BackupDatabaseAsync(this WebApplication app, string targetFile)
    {
        if (app.Services.GetRequiredService<DatabaseProvider>() == DatabaseProvider.Postgres)
        {
            await Console.Error.WriteLineAsync(PostgresBackups);
            return 1;
        }
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<KbDb>>().CreateDbContextAsync();
        return await BackupAsync(db.Database.GetConnectionString()!, targetFile);
    }

    /// <summary>
    /// Copies a consistent snapshot of the database while the app may keep writing, into a temporary file that is then
    /// renamed over the target, so an interrupted backup never leaves a half-written file under the target's name.
    /// </summary>
    /// <returns>0 when the backup was written, 1 when it was refused or failed (the reason goes to standard error).</returns>
    public static async Task<int> BackupAsync(string connectionString, string targetFile, CancellationToken cancellationToken = default)
    {
        var source = Path.GetFullPath(new SqliteConnectionStringBuilder(connectionString).DataSource);
        var target = Path.GetFullPath(targetFile);
        if (!File.Exists(source))
        {
            await Console.Error.WriteLineAsync($"There is no database at {source} to back up.");
            return 1;
        }
        if (new[] { "", "-wal", "-shm", "-journal" }.Any(suffix => string.Equals(target, source + suffix, StringComparison.Ordinal)))
        {
            await Console.Error.WriteLineAsync($"Refusing to back up {source} onto the live database's own files ({target}).");
            return 1;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var temporary = $"{target}.{Guid.NewGuid():N}.tmp";
        try
        {
            await using (var from = new SqliteConnection(connectionString))
            await using (var to = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = temporary, Pooling = false }.ToString()))
            {
                await from.OpenAsync(cancellationToken);
                await using (var pragmas = from.CreateCommand())
                {
                    pragmas.CommandText = SqlitePragmas.Statements;
                    await pragmas.ExecuteNonQueryAsync(cancellationToken);
                }
                await to.OpenAsync(cancellationToken);
                from.BackupDatabase(to);
            }
            // A stale write-ahead log beside the target would be replayed into the new file on its first open.
            File.Delete(target + "-wal");
            File.Delete(target + "-shm");
            File.Move(temporary, target, overwrite: true);
        }
        catch (Exception ex) when (ex is SqliteException or IOException or UnauthorizedAccessException)
        {
            File.Delete(temporary);
            await Console.Error.WriteLineAsync($"The backup of {source} to {target} failed: {ex.Message}");
            return 1;
        }

        await Console.Out.WriteLineAsync($"Backed up {source} to {target}.");
        return 0;
    }
}
