using System.Globalization;
using KB.EndToEnd;
using KB.EndToEnd.MultiNode;
using KB.NodeBench;
using KB.Tests.Nodes;
using Microsoft.Playwright;

// Incident writes/s and tick latency of 502 Desk on one node and on two, each setup started fresh from a Release
// publish of this checkout: PostgreSQL (a throw-away cluster, or the server KB_TEST_POSTGRES names), Redis and nginx
// as the two-node browser test runs them.
//   dotnet run -c Release --project bench/KB.NodeBench -- [SECONDS (20)] [WRITERS (8)] [TICKS (40)]
var seconds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 20;
var writers = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 8;
var ticks = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 40;

Setup[] setups =
[
    new("one node, SQLite, no balancer (the default)", Nodes: 1, OnPostgres: false, BehindNginx: false),
    new("one node, PostgreSQL, Redis, behind nginx", Nodes: 1, OnPostgres: true, BehindNginx: true),
    new("two nodes, PostgreSQL, Redis, behind nginx", Nodes: 2, OnPostgres: true, BehindNginx: true),
    new("two nodes, one SQLite file, Redis, behind nginx", Nodes: 2, OnPostgres: false, BehindNginx: true),
];

var folder = Directory.CreateTempSubdirectory("kb-nodebench-").FullName;
var publishFolder = Path.Combine(folder, "app");
Console.WriteLine($"{DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, commit {(await Git("rev-parse", "--short", "HEAD")).Trim()}");
Console.WriteLine($"{writers} writers for {seconds} s after a 5 s warm-up; {ticks} ticks; load average {LoadAverage()}");
await RunningApp.RunToEndAsync("dotnet", ["publish", "src/KB.Web", "-c", "Release", "-o", publishFolder, "-nologo", "-v", "q"], Repository.Root, TimeSpan.FromMinutes(8));

var redis = new RedisServer();
await redis.InitializeAsync();
var rows = new List<string>();
try
{
    await using var postgres = await PostgresServer.StartAsync();
    using var playwright = await Playwright.CreateAsync();
    await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
    {
        ExecutablePath = Environment.GetEnvironmentVariable("KB_CHROMIUM") ?? "/usr/bin/chromium",
        Args = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });
    foreach (var setup in setups)
    {
        var sqliteFile = Path.Combine(folder, Guid.NewGuid().ToString("N") + ".db");
        await using var deployment = await Deployment.StartAsync(setup, publishFolder, postgres.CreateDatabaseAsync, sqliteFile, redis.ConnectionString);
        var loadBefore = LoadAverage();
        await WriteLoad.MeasureAsync(deployment, writers, TimeSpan.FromSeconds(5));
        var writes = await WriteLoad.MeasureAsync(deployment, writers, TimeSpan.FromSeconds(seconds));
        var latencies = await TickLatency.MeasureAsync(deployment, browser, ticks);
        var row = string.Create(CultureInfo.InvariantCulture,
            $"| {setup.Name} | {writes.PerSecond:F0} | {writes.P50:F0} / {writes.P95:F0} ms | {Percentile.Of(latencies, 0.50):F0} / {Percentile.Of(latencies, 0.95):F0} ms ({latencies.Count}) | {loadBefore} → {LoadAverage()} |");
        if (writes.Refused > 0)
        {
            row += $" {writes.Refused} writes were refused";
        }
        Console.WriteLine(row);
        rows.Add(row);
    }
}
finally
{
    await redis.DisposeAsync();
    Directory.Delete(folder, recursive: true);
}

Console.WriteLine();
Console.WriteLine("| setup | incident writes/s | write p50 / p95 | tick seen on the other browser, p50 / p95 (samples) | load average before → after |");
Console.WriteLine("| --- | ---: | ---: | ---: | --- |");
rows.ForEach(Console.WriteLine);
return 0;

// The 1-minute load average: what else the machine was doing meanwhile.
static string LoadAverage() => File.ReadAllText("/proc/loadavg").Split(' ')[0];

static Task<string> Git(params string[] arguments) => RunningApp.RunToEndAsync("git", arguments, Repository.Root, TimeSpan.FromSeconds(30));
