using BenchmarkDotNet.Attributes;
using KB.Web.Features.Knowledge;

namespace KB.Benchmarks;

/// <summary>Parsing front matter and rendering Markdown, per article and for the whole shipped knowledge base.</summary>
[MemoryDiagnoser]
public class MarkdownBenchmarks
{
    private (string Path, string Text) _longest;

    [GlobalSetup]
    public void Setup() => _longest = Corpus.Files.MaxBy(file => file.Text.Length);

    [Benchmark(Description = "Parse + render the longest article")]
    public Article? LongestArticle() => ArticleParser.Parse(_longest.Text, _longest.Path).Article;

    [Benchmark(Description = "Parse + render every shipped article")]
    public int AllArticles()
    {
        var count = 0;
        foreach (var (path, text) in Corpus.Files)
        {
            count += ArticleParser.Parse(text, path).Article is null ? 0 : 1;
        }
        return count;
    }
}
