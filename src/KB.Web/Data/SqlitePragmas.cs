using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace KB.Web.Data;

/// <summary>Per-connection settings: SQLite forgets them when a connection closes.</summary>
public sealed class SqlitePragmas : DbConnectionInterceptor
{
    // synchronous = FULL: WAL + NORMAL survives a killed process, but only FULL fsyncs the WAL at every commit, so an acknowledged write survives a power loss too.
    public const string Statements = "PRAGMA busy_timeout = 5000; PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Statements;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Statements;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
