using KB.Web.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace KB.Tests;

/// <summary>
/// A database of a test's own. By default a SQLite file in a temp folder; with KB_TEST_PROVIDER=postgres, a new
/// PostgreSQL database with a random name on the server KB_TEST_POSTGRES names (an Npgsql connection string of a user
/// who may create databases; scripts/test.sh starts such a server). The tests marked <see cref="Category"/> run on both.
/// </summary>
public sealed class TestDatabase : IDisposable
{
    /// <summary>The trait of the test classes that scripts/test.sh runs a second time, on PostgreSQL.</summary>
    public const string Category = "Database";

    public const string ProviderVariable = "KB_TEST_PROVIDER";
    public const string ServerVariable = "KB_TEST_POSTGRES";

    private readonly TempFolder? _folder;

    /// <param name="empty">On PostgreSQL: a database without the schema, for the migrations to make. Otherwise it is
    /// copied from a template the migrations made once for the whole run, which is many times quicker.</param>
    public TestDatabase(bool empty = false)
    {
        if (OnPostgres)
        {
            var name = "kb_test_" + Guid.NewGuid().ToString("N")[..16];
            if (empty)
            {
                OnServer($"CREATE DATABASE {name}");
            }
            else
            {
                // A template must have no other session on it, so the copies are made one at a time.
                lock (Template)
                {
                    OnServer($"CREATE DATABASE {name} TEMPLATE {Template.Value}");
                }
            }
            ConnectionString = new NpgsqlConnectionStringBuilder(Server) { Database = name }.ConnectionString;
        }
        else
        {
            _folder = new TempFolder();
            ConnectionString = $"Data Source={SqlitePath}";
        }
    }

    private static readonly Lazy<string> Template = new(() =>
    {
        var name = "kb_test_template_" + Guid.NewGuid().ToString("N")[..16];
        OnServer($"CREATE DATABASE {name}");
        using (var db = new KbDb((DbContextOptions<KbDb>)new DbContextOptionsBuilder<KbDb>().UsePostgres(new NpgsqlConnectionStringBuilder(Server) { Database = name, Pooling = false }.ConnectionString).Options))
        {
            DatabaseSetup.MigrateAsync(db).GetAwaiter().GetResult();
        }
        AppDomain.CurrentDomain.ProcessExit += (_, _) => OnServer($"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
        return name;
    });

    private static void OnServer(string sql)
    {
        using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Server) { Database = "postgres", Pooling = false }.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public static bool OnPostgres => string.Equals(Environment.GetEnvironmentVariable(ProviderVariable), "postgres", StringComparison.OrdinalIgnoreCase);

    /// <summary>The server to make databases on; a PostgreSQL run without one fails rather than passes on SQLite.</summary>
    private static string Server => Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 } server
        ? server
        : throw new InvalidOperationException($"{ProviderVariable}=postgres needs {ServerVariable}, a connection string of a PostgreSQL server to make test databases on (scripts/test.sh starts one).");

    public string ConnectionString { get; }

    /// <summary>The SQLite file; only on SQLite.</summary>
    public string SqlitePath => _folder?.Combine("kb.db") ?? throw new InvalidOperationException("This test database is on PostgreSQL, not in a SQLite file.");

    /// <summary>What the app is configured with to use this database.</summary>
    public Dictionary<string, string?> Settings => new()
    {
        ["KB:Database:Provider"] = OnPostgres ? "postgres" : "sqlite",
        ["ConnectionStrings:KB"] = ConnectionString,
    };

    public void Dispose()
    {
        if (_folder is not null)
        {
            SqliteConnection.ClearAllPools();
            _folder.Dispose();
            return;
        }
        NpgsqlConnection.ClearPool(new NpgsqlConnection(ConnectionString));
        OnServer($"DROP DATABASE IF EXISTS {new NpgsqlConnectionStringBuilder(ConnectionString).Database} WITH (FORCE)");
    }
}

/// <summary>A fact that needs PostgreSQL: skipped, and counted as skipped, when the tests run on SQLite.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (!TestDatabase.OnPostgres)
        {
            Skip = $"Needs PostgreSQL: run with {TestDatabase.ProviderVariable}=postgres and {TestDatabase.ServerVariable} (scripts/test.sh does).";
        }
    }
}
