using BenchmarkDotNet.Attributes;
using KB.Web.Features.Knowledge;

namespace KB.Benchmarks;

/// <summary>Search latency, at the shipped size and at 10,000 articles.</summary>
[MemoryDiagnoser]
public class SearchBenchmarks
{
    private readonly SearchIndex _index = new();

    [Params(0, 10_000)]
    public int Articles { get; set; }

    [Params("upstream sent too big header", "php-fpm sock permission denied", "conn", "connect() failed (111: Connection refused) while connecting to upstream",
        "hapxory timout", "why does the first request after a quiet night fail")]
    public string Query { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        var articles = Articles == 0 ? Corpus.Shipped : Corpus.Repeated(Articles);
        _index.RebuildAsync(articles).GetAwaiter().GetResult();
    }

    [Benchmark]
    public Task<IReadOnlyList<SearchResult>> Search() => _index.SearchAsync(Query, SearchFilter.None, 10);
}
