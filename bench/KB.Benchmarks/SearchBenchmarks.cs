using BenchmarkDotNet.Attributes;
using KB.Web.Features.Knowledge;

namespace KB.Benchmarks;

/// <summary>Search latency on a real SQLite file, at the shipped size and at 10,000 articles.</summary>
[MemoryDiagnoser]
public class SearchBenchmarks
{
    private BenchDatabase _database = null!;

    [Params(0, 10_000)]
    public int Articles { get; set; }

    [Params("upstream sent too big header", "php-fpm sock permission denied", "conn", "connect() failed (111: Connection refused) while connecting to upstream")]
    public string Query { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        _database = new BenchDatabase();
        var articles = Articles == 0 ? Corpus.Shipped : Corpus.Repeated(Articles);
        _database.Index.RebuildAsync(articles).GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup() => _database.Dispose();

    [Benchmark]
    public Task<IReadOnlyList<SearchResult>> Search() => _database.Index.SearchAsync(Query, SearchFilter.None, 10);
}
