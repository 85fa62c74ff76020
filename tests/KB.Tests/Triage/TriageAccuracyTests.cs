using System.Text;
using KB.Tests.Knowledge;
using KB.Web.Features.Knowledge;
using KB.Web.Features.Triage;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace KB.Tests.Triage;

/// <summary>
/// Holds the engine to its accuracy on real lines, beside the baseline a responder has without it: pasting the
/// line into knowledge-base search. Writes the figures and the misses to artifacts/triage-*.md.
/// </summary>
public class TriageAccuracyTests(ShippedContentApp app, ITestOutputHelper output) : IClassFixture<ShippedContentApp>
{
    private static readonly string[] CauseSlugs =
    [
        "upstream-down", "upstream-timeout", "connection-reset", "dns-resolution", "tls-upstream", "header-too-large",
        "invalid-response", "socket-permission", "resource-exhaustion", "firewall-blocked", "network-unreachable",
        "misconfiguration", "application-crash",
    ];

    [Fact]
    public void The_labelled_corpus_is_large_varied_and_sourced()
    {
        var lines = LabelledLine.Load();

        Assert.True(lines.Count >= 1050, $"{lines.Count} lines");
        Assert.True(lines.Select(line => line.Source).Distinct().Count() >= 1000, "at least 1000 distinct sources");
        Assert.True(lines.Select(line => line.Emitter).Distinct().Count() >= 80, "at least 80 emitters");
        Assert.Equal(CauseSlugs.Order(), lines.Select(line => line.Cause).Distinct().Order());
        Assert.All(lines, line => Assert.StartsWith("http", line.Source));
        Assert.Equal(lines.Count, lines.Select(line => line.Line.Trim()).Distinct().Count());
    }

    [Fact]
    public void The_fourth_blind_set_comes_from_sources_the_corpus_does_not_have()
    {
        var blind = LabelledLine.LoadBlind4();
        var corpus = LabelledLine.Load();
        var corpusSources = corpus.Select(line => line.Source).ToHashSet();
        var corpusLines = corpus.Select(line => line.Line.Trim()).ToHashSet();

        Assert.True(blind.Count >= 150, $"{blind.Count} lines");
        Assert.DoesNotContain(blind, line => corpusSources.Contains(line.Source));
        Assert.DoesNotContain(blind, line => corpusLines.Contains(line.Line.Trim()));
        Assert.Equal(blind.Count, blind.Select(line => line.Source).Distinct().Count());
        Assert.Equal(blind.Count, blind.Select(line => line.Line.Trim()).Distinct().Count());
        Assert.Equal(CauseSlugs.Order(), blind.Select(line => line.Cause).Distinct().Order());
        Assert.All(blind, line => Assert.StartsWith("http", line.Source));
    }

    [Fact]
    public async Task Fourth_blind_set_is_measured_and_its_answers_recorded()
    {
        var blind = LabelledLine.LoadBlind4();
        var accuracy = await MeasureAsync(blind, "triage-blind-4.md");
        var engine = app.Services.GetRequiredService<TriageEngine>();
        var answers = new List<FirstBlindAnswer>();
        foreach (var line in blind)
        {
            var result = await engine.TriageAsync(line.Line);
            var first = result.Candidates.FirstOrDefault();
            answers.Add(new FirstBlindAnswer(line.Source, line.Cause, first?.Cause ?? "none", first?.Confidence ?? 0, first?.Score ?? 0,
                result.Candidates.Count > 1 ? result.Candidates[1].Score : null, first?.NamesRootCause ?? false, result.UsedFullTextFallback));
        }
        await File.WriteAllTextAsync(Path.Combine(TestPaths.RepositoryRoot, "artifacts", "blind-4-answers.json"),
            System.Text.Json.JsonSerializer.Serialize(answers, new System.Text.Json.JsonSerializerOptions(LabelledLine.Json) { WriteIndented = true }));

        Assert.Equal(blind.Count, accuracy.Count);
        Assert.Equal(accuracy.Top1, answers.Count(answer => answer.Right));
    }

    [Fact]
    public void Third_blind_set_first_measurement_is_kept_as_recorded()
    {
        // The engine's answers when the third blind set was measured the first time, before any change made for it:
        // the figures docs/triage.md reports, and the confidence levels as they then fared.
        AssertKeptAsRecorded(FirstBlindAnswer.LoadThird(), LabelledLine.Load(), lines: 152, right: 123, high: (101, 113));
    }

    [Fact]
    public void Fourth_blind_set_first_measurement_is_kept_as_recorded()
    {
        // The engine's answers when the fourth blind set was measured the first time, before any change made for it.
        AssertKeptAsRecorded(FirstBlindAnswer.LoadFourth(), LabelledLine.LoadBlind4(), lines: 160, right: 113, high: (87, 102));
    }

    private static void AssertKeptAsRecorded(IReadOnlyList<FirstBlindAnswer> answers, IReadOnlyList<LabelledLine> labelled, int lines, int right, (int Right, int Total) high)
    {
        var sources = labelled.Select(line => line.Source).ToHashSet();
        var highAnswers = answers.Where(answer => Level(answer) == "high").ToList();

        Assert.Equal(lines, answers.Count);
        Assert.Equal(lines, answers.Select(answer => answer.Source).Distinct().Count());
        Assert.Equal(right, answers.Count(answer => answer.Right));
        Assert.All(answers, answer => Assert.Contains(answer.Source, sources));
        Assert.Equal(high, (highAnswers.Count(answer => answer.Right), highAnswers.Count));
    }

    [Fact]
    public async Task Engine_meets_the_bar_on_the_labelled_corpus_and_beats_the_search_baseline()
    {
        var accuracy = await MeasureAsync(LabelledLine.Load(), "triage-accuracy.md");

        Assert.True(accuracy.Top1 >= 0.95 * accuracy.Count, $"top-1 {accuracy.Top1}/{accuracy.Count}");
        Assert.True(accuracy.Top3 >= 0.98 * accuracy.Count, $"top-3 {accuracy.Top3}/{accuracy.Count}");
        Assert.True(accuracy.Top1 > accuracy.Baseline1, "triage must beat plain search");
        // The confidence levels, held on the corpus too (the calibration was chosen with the blind record in view).
        var (right, total) = accuracy.Levels.GetValueOrDefault("high");
        Assert.True(total >= 0.6 * accuracy.Count, $"{total} high answers");
        Assert.True(right >= 0.95 * total, $"high right {right}/{total}");
    }

    [Fact]
    public void High_confidence_held_on_the_second_blind_set_as_first_measured()
    {
        // The engine's answers recorded when the set was measured blind, before any change made for it.
        var answers = FirstBlindAnswer.Load();
        var corpusSources = LabelledLine.Load().Select(line => line.Source).ToHashSet();
        var high = answers.Where(answer => Level(answer) == "high").ToList();
        var low = answers.Where(answer => Level(answer) == "low").ToList();

        Assert.Equal(152, answers.Count);
        Assert.Equal(142, answers.Count(answer => answer.Right));
        Assert.All(answers, answer => Assert.Contains(answer.Source, corpusSources));
        Assert.True(high.Count >= answers.Count / 2, $"{high.Count} high answers");
        Assert.True(high.Count(answer => answer.Right) >= 0.95 * high.Count, $"high right {high.Count(answer => answer.Right)}/{high.Count}");
        Assert.True(low.Count(answer => answer.Right) < 0.8 * low.Count, "low must mean unsure");

    }

    private static string Level(FirstBlindAnswer answer) =>
        TriageResult.Level(answer.Confidence, answer.Score, answer.SecondScore, answer.NamesRootCause, answer.FullText);

    private async Task<Accuracy> MeasureAsync(IReadOnlyList<LabelledLine> lines, string reportName)
    {
        var engine = app.Services.GetRequiredService<TriageEngine>();
        var search = app.Services.GetRequiredService<SearchIndex>();
        var accuracy = new Accuracy(lines.Count);

        foreach (var line in lines)
        {
            var result = await engine.TriageAsync(line.Line);
            var causes = result.Candidates.Select(candidate => candidate.Cause).ToList();
            var (levelRight, levelTotal) = accuracy.Levels.GetValueOrDefault(result.ConfidenceLevel);
            accuracy.Levels[result.ConfidenceLevel] = (levelRight + (causes.FirstOrDefault() == line.Cause ? 1 : 0), levelTotal + 1);
            accuracy.Top1 += causes.FirstOrDefault() == line.Cause ? 1 : 0;
            accuracy.Confusion[(line.Cause, causes.FirstOrDefault() ?? "none")] = accuracy.Confusion.GetValueOrDefault((line.Cause, causes.FirstOrDefault() ?? "none")) + 1;
            accuracy.Top3 += causes.Take(3).Contains(line.Cause) ? 1 : 0;
            var (right, total) = accuracy.PerEmitter.GetValueOrDefault(line.Emitter);
            accuracy.PerEmitter[line.Emitter] = (right + (causes.FirstOrDefault() == line.Cause ? 1 : 0), total + 1);
            if (causes.FirstOrDefault() != line.Cause)
            {
                accuracy.Misses.Add((line, causes));
            }

            var found = (await search.SearchAsync(line.Line, SearchFilter.None, 3)).Select(result => result.Slug).ToList();
            accuracy.Baseline1 += found.FirstOrDefault() == line.Cause ? 1 : 0;
            accuracy.Baseline3 += found.Contains(line.Cause) ? 1 : 0;
        }

        var report = accuracy.Report();
        output.WriteLine(report);
        Directory.CreateDirectory(Path.Combine(TestPaths.RepositoryRoot, "artifacts"));
        await File.WriteAllTextAsync(Path.Combine(TestPaths.RepositoryRoot, "artifacts", reportName), report);
        return accuracy;
    }

    private sealed class Accuracy(int count)
    {
        public int Count { get; } = count;
        public int Top1 { get; set; }
        public int Top3 { get; set; }
        public int Baseline1 { get; set; }
        public int Baseline3 { get; set; }
        public List<(LabelledLine Line, IReadOnlyList<string> Got)> Misses { get; } = [];
        public Dictionary<(string Labelled, string Got), int> Confusion { get; } = [];
        public Dictionary<string, (int Right, int Total)> PerEmitter { get; } = [];
        public Dictionary<string, (int Right, int Total)> Levels { get; } = [];

        public string Report()
        {
            var report = new StringBuilder()
                .AppendLine("| | top-1 | top-3 |")
                .AppendLine("| --- | ---: | ---: |")
                .AppendLine($"| triage engine | {Percent(Top1)} | {Percent(Top3)} |")
                .AppendLine($"| knowledge-base search with the line as query | {Percent(Baseline1)} | {Percent(Baseline3)} |")
                .AppendLine()
                .AppendLine("Confidence levels (first suggestion right / answers at that level): "
                    + string.Join(", ", new[] { "high", "medium", "low" }.Select(level => $"{level} {Levels.GetValueOrDefault(level).Right}/{Levels.GetValueOrDefault(level).Total}")))
                .AppendLine()
                .AppendLine("Per cause (labelled → first suggestion, where it differs):")
                .AppendLine();
            foreach (var group in Confusion.GroupBy(entry => entry.Key.Labelled).OrderBy(group => group.Key))
            {
                var total = group.Sum(entry => entry.Value);
                var right = group.Where(entry => entry.Key.Got == group.Key).Sum(entry => entry.Value);
                var wrong = string.Join(", ", group.Where(entry => entry.Key.Got != group.Key).OrderByDescending(entry => entry.Value).Select(entry => $"{entry.Key.Got} {entry.Value}"));
                report.AppendLine($"- `{group.Key}`: {right}/{total}{(wrong.Length > 0 ? $"; {wrong}" : "")}");
            }
            report.AppendLine()
                .AppendLine("Per emitter (right first / lines):")
                .AppendLine()
                .AppendLine(string.Join(", ", PerEmitter.OrderByDescending(entry => entry.Value.Total).ThenBy(entry => entry.Key).Select(entry => $"{entry.Key} {entry.Value.Right}/{entry.Value.Total}")));
            report.AppendLine()
                .AppendLine("Lines whose first suggestion is not the labelled cause:")
                .AppendLine();
            foreach (var (line, got) in Misses)
            {
                var text = line.Line.ReplaceLineEndings(" ");
                report.AppendLine($"- `{line.Cause}` ({line.Emitter}), got {(got.Count == 0 ? "nothing" : string.Join(", ", got.Take(3)))}: `{text[..Math.Min(160, text.Length)]}` {line.Source}");
            }
            return report.ToString();
        }

        private string Percent(int hits) => $"{100.0 * hits / Count:F1}% ({hits}/{Count})";
    }
}
