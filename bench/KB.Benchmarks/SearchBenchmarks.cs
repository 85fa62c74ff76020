using BenchmarkDotNet.Attributes;
using KB.Web.Data;
using KB.Web.Features.Knowledge;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KB.Benchmarks;

/// <summary>Search latency on a real SQLite file, at the shipped size and at 10,000 articles.</summary>
[MemoryDiagnoser]
public class SearchBenchmarks
{
    private string _folder = "";
    private ServiceProvider _services = null!;
    private SearchIndex _index = null!;

    [Params(0, 10_000)]
    public int Articles { get; set; }

    [Params("upstream sent too big header", "php-fpm sock permission denied", "conn", "connect() failed (111: Connection refused) while connecting to upstream")]
    public string Query { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        _folder = Directory.CreateTempSubdirectory("kb-bench-").FullName;
        var connectionString = $"Data Source={Path.Combine(_folder, "kb.db")}";
        DatabaseSetup.Migrate(connectionString);
        _services = new ServiceCollection()
            .AddDbContextFactory<KbDb>(options => options.UseSqlite(connectionString).AddInterceptors(new SqlitePragmas()))
            .AddSingleton<SearchIndex>()
            .BuildServiceProvider();
        _index = _services.GetRequiredService<SearchIndex>();
        var articles = Articles == 0 ? Corpus.Shipped : Corpus.Repeated(Articles);
        _index.RebuildAsync(articles).GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _services.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Benchmark]
    public Task<IReadOnlyList<SearchResult>> Search() => _index.SearchAsync(Query, SearchFilter.None, 10);
}
