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

    [Theory]
    [InlineData("labelled")]
    [InlineData("holdout")]
    public void Each_set_is_large_varied_and_sourced(string set)
    {
        var lines = set == "labelled" ? LabelledLine.Load() : LabelledLine.LoadHoldout();

        Assert.True(lines.Count >= (set == "labelled" ? 150 : 90), $"{lines.Count} lines");
        Assert.Equal(CauseSlugs.Order(), lines.Select(line => line.Cause).Distinct().Order());
        Assert.All(lines, line => Assert.StartsWith("http", line.Source));
        Assert.Equal(lines.Count, lines.Select(line => line.Line).Distinct().Count());
        Assert.True(lines.Select(line => line.Emitter).Distinct().Count() >= 12);
    }

    [Fact]
    public void The_holdout_shares_no_line_with_the_labelled_set()
    {
        Assert.Empty(LabelledLine.Load().Select(line => line.Line.Trim()).Intersect(LabelledLine.LoadHoldout().Select(line => line.Line.Trim())));
    }

    [Fact]
    public async Task Engine_meets_the_bar_on_the_labelled_set_and_beats_the_search_baseline()
    {
        var accuracy = await MeasureAsync(LabelledLine.Load(), "triage-accuracy.md");

        Assert.True(accuracy.Top1 >= 0.90 * accuracy.Count, $"top-1 {accuracy.Top1}/{accuracy.Count}");
        Assert.True(accuracy.Top3 >= 0.98 * accuracy.Count, $"top-3 {accuracy.Top3}/{accuracy.Count}");
        Assert.True(accuracy.Top1 > accuracy.Baseline1, "triage must beat plain search");
    }

    [Fact]
    public async Task Engine_generalises_to_lines_it_was_not_tuned_on()
    {
        var accuracy = await MeasureAsync(LabelledLine.LoadHoldout(), "triage-holdout.md");

        Assert.True(accuracy.Top1 >= 0.80 * accuracy.Count, $"top-1 {accuracy.Top1}/{accuracy.Count}");
        Assert.True(accuracy.Top3 >= 0.90 * accuracy.Count, $"top-3 {accuracy.Top3}/{accuracy.Count}");
        Assert.True(accuracy.Top1 > accuracy.Baseline1, "triage must beat plain search");
    }

    [Fact]
    public async Task Blind_set_measurement()
    {
        var accuracy = await MeasureAsync(LabelledLine.LoadBlind(), "triage-blind.md");
        output.WriteLine($"blind top-1 {accuracy.Top1}/{accuracy.Count} top-3 {accuracy.Top3}/{accuracy.Count}");
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
            accuracy.Top3 += causes.Take(3).Contains(line.Cause) ? 1 : 0;
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

        public string Report()
        {
            var report = new StringBuilder()
                .AppendLine("| | top-1 | top-3 |")
                .AppendLine("| --- | ---: | ---: |")
                .AppendLine($"| triage engine | {Percent(Top1)} | {Percent(Top3)} |")
                .AppendLine($"| knowledge-base search with the line as query | {Percent(Baseline1)} | {Percent(Baseline3)} |")
                .AppendLine()
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
