using System.Text;
using KB.Tests.Knowledge;
using KB.Web.Features.Knowledge;
using KB.Web.Features.Triage;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace KB.Tests.Triage;

/// <summary>
/// Holds the engine to its accuracy on real lines, beside the baseline a responder has without it: pasting the
/// line into knowledge-base search. Writes the figures and the misses to artifacts/triage-accuracy.md.
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
    public void The_labelled_set_is_large_varied_and_sourced()
    {
        var lines = LabelledLine.Load();

        Assert.True(lines.Count >= 150, $"{lines.Count} lines");
        Assert.Equal(CauseSlugs.Order(), lines.Select(line => line.Cause).Distinct().Order());
        Assert.All(lines, line => Assert.StartsWith("http", line.Source));
        Assert.Equal(lines.Count, lines.Select(line => line.Line).Distinct().Count());
        Assert.True(lines.Select(line => line.Emitter).Distinct().Count() >= 12);
    }

    [Fact]
    public async Task Engine_beats_the_accuracy_bar_and_the_search_baseline()
    {
        var engine = app.Services.GetRequiredService<TriageEngine>();
        var search = app.Services.GetRequiredService<SearchIndex>();
        var lines = LabelledLine.Load();
        var misses = new List<(LabelledLine Line, IReadOnlyList<string> Got)>();
        int top1 = 0, top3 = 0, baseline1 = 0, baseline3 = 0;

        foreach (var line in lines)
        {
            var causes = (await engine.TriageAsync(line.Line)).Candidates.Select(candidate => candidate.Cause).ToList();
            top1 += causes.FirstOrDefault() == line.Cause ? 1 : 0;
            top3 += causes.Take(3).Contains(line.Cause) ? 1 : 0;
            if (causes.FirstOrDefault() != line.Cause)
            {
                misses.Add((line, causes));
            }

            var found = (await search.SearchAsync(line.Line, SearchFilter.None, 3)).Select(result => result.Slug).ToList();
            baseline1 += found.FirstOrDefault() == line.Cause ? 1 : 0;
            baseline3 += found.Contains(line.Cause) ? 1 : 0;
        }

        var report = Report(lines.Count, top1, top3, baseline1, baseline3, misses);
        output.WriteLine(report);
        Directory.CreateDirectory(Path.Combine(TestPaths.RepositoryRoot, "artifacts"));
        await File.WriteAllTextAsync(Path.Combine(TestPaths.RepositoryRoot, "artifacts", "triage-accuracy.md"), report);

        Assert.True(top1 >= 0.90 * lines.Count, $"top-1 {top1}/{lines.Count}");
        Assert.True(top3 >= 0.98 * lines.Count, $"top-3 {top3}/{lines.Count}");
        Assert.True(top1 > baseline1, "triage must beat plain search");
    }

    private static string Report(int count, int top1, int top3, int baseline1, int baseline3, List<(LabelledLine Line, IReadOnlyList<string> Got)> misses)
    {
        static string Percent(int hits, int count) => $"{100.0 * hits / count:F1}% ({hits}/{count})";
        var report = new StringBuilder()
            .AppendLine($"| | top-1 | top-3 |")
            .AppendLine("| --- | ---: | ---: |")
            .AppendLine($"| triage engine | {Percent(top1, count)} | {Percent(top3, count)} |")
            .AppendLine($"| knowledge-base search with the line as query | {Percent(baseline1, count)} | {Percent(baseline3, count)} |")
            .AppendLine()
            .AppendLine("Lines whose first suggestion is not the labelled cause:")
            .AppendLine();
        foreach (var (line, got) in misses)
        {
            report.AppendLine($"- `{line.Cause}` ({line.Emitter}), got {(got.Count == 0 ? "nothing" : string.Join(", ", got.Take(3)))}: `{line.Line.ReplaceLineEndings(" ")[..Math.Min(160, line.Line.Length)]}` {line.Source}");
        }
        return report.ToString();
    }
}
