using System.Text;
using KB.Web.Features.Knowledge;
using KB.Web.Features.Triage;
using KB.Web.Features.Triage.Readers;

namespace KB.Fuzz;

/// <summary>
/// The code that reads untrusted text, each behind one entry that takes the raw bytes a fuzzer makes. A target
/// throws when the code under it breaks a rule it promises (an exception, a match outside the line, a query word
/// that is not plain letters and digits); the fuzzer keeps such an input as a crash, and the unit tests replay it.
/// </summary>
public static class FuzzTargets
{
    // Made on first use: instrumented app code must not run before the fuzzer has set up its coverage map.
    private static readonly Lazy<IFindingReader[]> Readers = new(() =>
    [
        new HaproxyTerminationState(), new EnvoyResponseFlags(), new AwsAlbLogEntry(), new GcpStatusDetails(), new IisStatus(), new CloudflareErrors(), new SystemErrors(),
    ]);

    public static IReadOnlyDictionary<string, Action<string>> All { get; } = new Dictionary<string, Action<string>>
    {
        ["markdown"] = Markdown,
        ["safe-urls"] = Url,
        ["readers"] = LogLines,
        ["pasted-text"] = Pasted,
        ["search-query"] = Search,
        ["article-parser"] = Article,
    };

    /// <summary>Bytes as the app receives them: UTF-8, with invalid sequences replaced, as ASP.NET Core and the paste box do.</summary>
    public static string Text(ReadOnlySpan<byte> bytes) => Encoding.UTF8.GetString(bytes);

    private static void Markdown(string text)
    {
        var rendered = MarkdownRenderer.Render(text);
        Require(!rendered.Html.Contains("<script", StringComparison.OrdinalIgnoreCase), "raw <script> in rendered HTML");
        Require(!rendered.Html.Contains("href=\"javascript:", StringComparison.OrdinalIgnoreCase), "javascript: link in rendered HTML");
        MarkdownRenderer.RenderInline(text);
    }

    private static void Url(string text)
    {
        var allowed = SafeUrls.IsAllowed(text);
        var compact = new string(text.Where(c => c > ' ' && !char.IsControl(c)).ToArray());
        Require(!allowed || !compact.StartsWith("javascript:", StringComparison.OrdinalIgnoreCase), "javascript: URL allowed");
        MarkdownRenderer.Render($"[x]({text}) ![y]({text}) <{text}>");
    }

    private static void LogLines(string text)
    {
        foreach (var line in text.Split('\n'))
        {
            var emitter = EmitterDetector.Detect(line);
            Require(emitter is null || ArticleParser.KnownEmitters.Contains(emitter) || emitter == "other", $"unknown emitter {emitter}");
            foreach (var finding in Readers.Value.SelectMany(reader => reader.Read(line)))
            {
                Require(finding.MatchStart >= 0 && finding.MatchLength >= 0 && finding.MatchStart + finding.MatchLength <= line.Length, "finding outside the line");
                Require(double.IsFinite(finding.Weight) && finding.Weight > 0, $"weight {finding.Weight}");
            }
        }
    }

    private static void Pasted(string text)
    {
        PastedText.LooksBinary(text);
        var pasted = PastedText.Read(text);
        Require(pasted.Lines.Count <= PastedText.MaxLines, "more lines than the limit");
        Require(pasted.Lines.All(line => line.Length <= PastedText.MaxLineLength), "a line longer than the limit");
        Require(pasted.TotalLines >= pasted.Lines.Count && pasted.LinesCut <= pasted.Lines.Count, "counts disagree");
    }

    private static void Search(string text)
    {
        var query = SearchQuery.Parse(text);
        Require(query.Terms.Count <= SearchQuery.MaxTerms, "too many terms");
        foreach (var word in query.Terms.SelectMany(alternatives => alternatives).SelectMany(phrase => phrase))
        {
            Require(word.Length > 0 && word.All(char.IsLetterOrDigit), $"query word \"{word}\" is not plain letters and digits");
        }
        var coverage = query.Coverage(text);
        Require(coverage is >= 0 and <= 1, $"coverage {coverage}");
        ArticleIndex.Empty.Match(query);
    }

    private static void Article(string text)
    {
        var result = ArticleParser.Parse(text, "causes/fuzzed.md");
        Require(result.Article is not null || result.Errors.Count > 0, "neither an article nor a reason");
    }

    private static void Require(bool condition, string rule)
    {
        if (!condition)
        {
            throw new FuzzRuleException(rule);
        }
    }
}

public sealed class FuzzRuleException(string rule) : Exception(rule);
