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

    // The first measurement of the blind set, taken once before the engine was changed for this round (docs/triage.md).
    private const int BlindFirstTop1 = 95;
    private const int BlindFirstTop3 = 114;

    [Fact]
    public void The_labelled_corpus_is_large_varied_and_sourced()
    {
        var lines = LabelledLine.Load();

        Assert.True(lines.Count >= 600, $"{lines.Count} lines");
        Assert.True(lines.Select(line => line.Source).Distinct().Count() >= 400, "at least 400 distinct sources");
        Assert.True(lines.Select(line => line.Emitter).Distinct().Count() >= 30, "at least 30 emitters");
        Assert.Equal(CauseSlugs.Order(), lines.Select(line => line.Cause).Distinct().Order());
        Assert.All(lines, line => Assert.StartsWith("http", line.Source));
        Assert.Equal(lines.Count, lines.Select(line => line.Line.Trim()).Distinct().Count());
    }

    [Fact]
    public void The_blind_set_comes_from_sources_the_corpus_does_not_have()
    {
        var blind = LabelledLine.LoadBlind();
        var corpusSources = LabelledLine.Load().Select(line => line.Source).ToHashSet();

        Assert.True(blind.Count >= 150, $"{blind.Count} lines");
        Assert.DoesNotContain(blind, line => corpusSources.Contains(line.Source));
        Assert.Equal(blind.Count, blind.Select(line => line.Source).Distinct().Count());
        Assert.All(blind, line => Assert.Contains(line.Cause, CauseSlugs));
    }

    [Fact]
    public void The_second_blind_set_comes_from_sources_neither_earlier_set_has()
    {
        var blind = LabelledLine.LoadBlind2();
        var earlier = LabelledLine.Load().Concat(LabelledLine.LoadBlind()).ToList();
        var earlierSources = earlier.Select(line => line.Source).ToHashSet();
        var earlierLines = earlier.Select(line => line.Line.Trim()).ToHashSet();

        Assert.True(blind.Count >= 150, $"{blind.Count} lines");
        Assert.DoesNotContain(blind, line => earlierSources.Contains(line.Source));
        Assert.DoesNotContain(blind, line => earlierLines.Contains(line.Line.Trim()));
        Assert.Equal(blind.Count, blind.Select(line => line.Source).Distinct().Count());
        Assert.Equal(CauseSlugs.Order(), blind.Select(line => line.Cause).Distinct().Order());
    }

    [Fact]
    public async Task Second_blind_set_is_measured()
    {
        var accuracy = await MeasureAsync(LabelledLine.LoadBlind2(), "triage-blind-2.md");

        Assert.Equal(LabelledLine.LoadBlind2().Count, accuracy.Count);
    }

    [Fact]
    public async Task Engine_meets_the_bar_on_the_labelled_corpus_and_beats_the_search_baseline()
    {
        var accuracy = await MeasureAsync(LabelledLine.Load(), "triage-accuracy.md");

        Assert.True(accuracy.Top1 >= 0.90 * accuracy.Count, $"top-1 {accuracy.Top1}/{accuracy.Count}");
        Assert.True(accuracy.Top3 >= 0.97 * accuracy.Count, $"top-3 {accuracy.Top3}/{accuracy.Count}");
        Assert.True(accuracy.Top1 > accuracy.Baseline1, "triage must beat plain search");
    }

    [Fact]
    public async Task Engine_does_not_fall_below_its_first_blind_measurement()
    {
        // Measured, never tuned on: the figure is reported in docs/triage.md; the test only keeps it from regressing.
        var accuracy = await MeasureAsync(LabelledLine.LoadBlind(), "triage-blind.md");

        Assert.True(accuracy.Top1 >= BlindFirstTop1, $"top-1 {accuracy.Top1}/{accuracy.Count}");
        Assert.True(accuracy.Top3 >= BlindFirstTop3, $"top-3 {accuracy.Top3}/{accuracy.Count}");
    }

    private async Task<Accuracy> MeasureAsync(IReadOnlyList<LabelledLine> lines, string reportName)
    {
        var engine = app.Services.GetRequiredService<TriageEngine>();
        var search = app.Services.GetRequiredService<SearchIndex>();
        var accuracy = new Accuracy(lines.Count);

        foreach (var line in lines)
        {
            var causes = (await engine.TriageAsync(line.Line)).Candidates.Select(candidate => candidate.Cause).ToList();
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

        public string Report()
        {
            var report = new StringBuilder()
                .AppendLine("| | top-1 | top-3 |")
                .AppendLine("| --- | ---: | ---: |")
                .AppendLine($"| triage engine | {Percent(Top1)} | {Percent(Top3)} |")
                .AppendLine($"| knowledge-base search with the line as query | {Percent(Baseline1)} | {Percent(Baseline3)} |")
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
