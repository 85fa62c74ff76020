using System.Security.Cryptography;
using Npgsql;

namespace KB.EndToEnd.MultiNode;

/// <summary>
/// A PostgreSQL server to put app nodes on: the one <c>KB_TEST_POSTGRES</c> names (scripts/test.sh starts one), else a
/// throw-away cluster started here the way scripts/test-servers.sh does (initdb in a temp folder, 127.0.0.1 and a free
/// port, fsync off, as the <c>postgres</c> user when root). Each database made on it is dropped on dispose, and a
/// cluster started here is stopped and deleted.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    public const string ServerVariable = "KB_TEST_POSTGRES";

    private readonly string _server;
    private readonly Cluster? _cluster;
    private readonly List<string> _databases = [];

    private PostgresServer(string server, Cluster? cluster)
    {
        _server = server;
        _cluster = cluster;
    }

    /// <summary>Why no server can be had on this machine, or null when one can.</summary>
    public static string? Unavailable =>
        SharedServer is not null || BinFolder() is not null
            ? null
            : $"Needs PostgreSQL: install Debian's postgresql (scripts/test.sh does) or set {ServerVariable} to an Npgsql connection string of a server.";

    private static string? SharedServer => Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 } server ? server : null;

    public static async Task<PostgresServer> StartAsync()
    {
        if (SharedServer is { } server)
        {
            return new PostgresServer(server, null);
        }
        var cluster = await Cluster.StartAsync(BinFolder() ?? throw new InvalidOperationException(Unavailable));
        return new PostgresServer(cluster.ConnectionString, cluster);
    }

    /// <summary>A new, empty database for the app's migrations to fill: its Npgsql connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = "kb_nodes_" + Guid.NewGuid().ToString("N")[..16];
        await OnServerAsync($"CREATE DATABASE {name}");
        _databases.Add(name);
        return new NpgsqlConnectionStringBuilder(_server) { Database = name }.ConnectionString;
    }

    public async ValueTask DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
            return;
        }
        foreach (var name in _databases)
        {
            await OnServerAsync($"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
        }
    }

    private async Task OnServerAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(_server) { Database = "postgres", Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>The newest installed PostgreSQL's programs (Debian keeps them out of the PATH).</summary>
    private static string? BinFolder() =>
        Directory.Exists("/usr/lib/postgresql")
            ? Directory.EnumerateDirectories("/usr/lib/postgresql")
                .Select(version => Path.Combine(version, "bin"))
                .Where(bin => File.Exists(Path.Combine(bin, "initdb")))
                .OrderBy(bin => int.TryParse(Path.GetFileName(Path.GetDirectoryName(bin)), out var major) ? major : 0)
                .LastOrDefault()
            : null;

    private sealed class Cluster : IAsyncDisposable
    {
        private readonly string _folder;
        private readonly string _bin;
        private readonly string[] _asOwner;

        private Cluster(string folder, string bin, string[] asOwner, string connectionString)
        {
            _folder = folder;
            _bin = bin;
            _asOwner = asOwner;
            ConnectionString = connectionString;
        }

        public string ConnectionString { get; }

        public static async Task<Cluster> StartAsync(string bin)
        {
            var folder = Directory.CreateTempSubdirectory("kb-postgres-").FullName;
            var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
            await File.WriteAllTextAsync(Path.Combine(folder, "password"), password + "\n");
            // PostgreSQL refuses to run as root: then the server runs as the postgres user, which owns its folder.
            string[] asOwner = Environment.UserName == "root" ? ["runuser", "-u", "postgres", "--"] : [];
            if (asOwner.Length > 0)
            {
                await RunAsync(["chown", "-R", "postgres:", folder]);
            }
            var port = RunningApp.FreePort();
            var cluster = new Cluster(folder, bin, asOwner, $"Host=127.0.0.1;Port={port};Username=postgres;Password={password}");
            var log = Path.Combine(folder, "server.log");
            try
            {
                await cluster.RunAsOwnerAsync("initdb", "-D", cluster.Data, "-U", "postgres", "-A", "scram-sha-256",
                    "--pwfile=" + Path.Combine(folder, "password"), "-E", "UTF8", "--locale=C.UTF-8");
                // fsync off: the tests kill app nodes, never this server, and it is thrown away afterwards.
                await cluster.RunAsOwnerAsync("pg_ctl", "-D", cluster.Data, "-l", log, "-w",
                    "-o", $"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off", "start");
                return cluster;
            }
            catch (InvalidOperationException exception)
            {
                var why = File.Exists(log) ? await File.ReadAllTextAsync(log) : "";
                Directory.Delete(folder, recursive: true);
                throw new InvalidOperationException($"PostgreSQL did not start: {exception.Message}\n{why}", exception);
            }
        }

        private string Data => Path.Combine(_folder, "data");

        public async ValueTask DisposeAsync()
        {
            try
            {
                await RunAsOwnerAsync("pg_ctl", "-D", Data, "-m", "immediate", "stop");
            }
            finally
            {
                Directory.Delete(_folder, recursive: true);
            }
        }

        private Task RunAsOwnerAsync(string program, params string[] arguments) =>
            RunAsync([.. _asOwner, Path.Combine(_bin, program), .. arguments]);

        private static Task RunAsync(string[] command) =>
            RunningApp.RunToEndAsync(command[0], command[1..], Path.GetTempPath(), TimeSpan.FromMinutes(2));
    }
}
