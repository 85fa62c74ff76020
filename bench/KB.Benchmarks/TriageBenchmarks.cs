using System.Text.Json;
using BenchmarkDotNet.Attributes;
using KB.Web.Features.Knowledge;
using KB.Web.Features.Triage;
using Microsoft.Extensions.Logging.Abstractions;

namespace KB.Benchmarks;

/// <summary>Triage latency for one line and for a 2,000-line paste (the most the engine reads), on the shipped signatures.</summary>
[MemoryDiagnoser]
public class TriageBenchmarks
{
    private BenchDatabase _database = null!;
    private TriageEngine _engine = null!;
    private string _oneLine = "";
    private string _errorPaste = "";
    private string _mostlyNoisePaste = "";

    [GlobalSetup]
    public void Setup()
    {
        _database = new BenchDatabase();
        var knowledgeBase = new KnowledgeBase(new ContentFolder(Corpus.ContentPath), _database.Index, NullLogger<KnowledgeBase>.Instance);
        knowledgeBase.ReloadAsync().GetAwaiter().GetResult();
        _engine = new TriageEngine(knowledgeBase, _database.Index);

        var labelled = JsonSerializer.Deserialize<List<JsonElement>>(File.ReadAllText(Path.Combine(Corpus.ContentPath, "..", "tests", "KB.Tests", "Triage", "labelled-lines.json")))!
            .Select(entry => entry.GetProperty("line").GetString()!.ReplaceLineEndings(" "))
            .ToList();
        _oneLine = labelled[0];
        _errorPaste = string.Join('\n', Enumerable.Range(0, PastedText.MaxLines).Select(i => labelled[i % labelled.Count]));
        const string AccessLine = "10.0.0.7 - - [14/May/2024:09:12:02 +0000] \"GET /health HTTP/1.1\" 200 2 \"-\" \"kube-probe/1.29\"";
        _mostlyNoisePaste = string.Join('\n', Enumerable.Range(0, PastedText.MaxLines).Select(i => i % 50 == 0 ? labelled[i % labelled.Count] : AccessLine));
        _engine.TriageAsync(_oneLine).GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup() => _database.Dispose();

    [Benchmark(Description = "1 error line")]
    public Task<TriageResult> OneLine() => _engine.TriageAsync(_oneLine);

    [Benchmark(Description = "2,000 error lines")]
    public Task<TriageResult> TwoThousandErrorLines() => _engine.TriageAsync(_errorPaste);

    [Benchmark(Description = "2,000 lines, 1 in 50 an error")]
    public Task<TriageResult> TwoThousandMostlyNoise() => _engine.TriageAsync(_mostlyNoisePaste);
}
