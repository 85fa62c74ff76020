using System.Text;
using KB.Web.Features.Triage.Hops;
using Xunit.Abstractions;

namespace KB.Tests.Triage.Hops;

/// <summary>Holds the hop reader to its accuracy on real pastes and writes the figures and misses to artifacts/hop-*.md.</summary>
public class HopAccuracyTests(ITestOutputHelper output)
{
    [Fact]
    public void Blind_set_figure_is_reported()
    {
        var (right, count) = Measure(HopSample.LoadBlind(), "hop-blind.md");

        Assert.True(count >= 40, $"{count} samples");
        Assert.True(right > 0);
    }

    private (int Right, int Count) Measure(IReadOnlyList<HopSample> samples, string artifact)
    {
        var misses = new List<string>();
        var right = 0;
        foreach (var sample in samples)
        {
            var hop = HopReader.Read(sample.Text);
            if (hop?.Component == sample.Hop)
            {
                right++;
            }
            else
            {
                misses.Add($"- expected {sample.Hop ?? "null"}, read {hop?.Component ?? "null"} ({hop?.Evidence}) — {sample.Source}");
            }
        }
        var report = new StringBuilder()
            .AppendLine($"# Hop reader on {artifact}")
            .AppendLine()
            .AppendLine($"{right} of {samples.Count} right ({100.0 * right / samples.Count:F1} %)")
            .AppendLine()
            .AppendLine(string.Join(Environment.NewLine, misses))
            .ToString();
        Directory.CreateDirectory(ArtifactsFolder);
        File.WriteAllText(Path.Combine(ArtifactsFolder, artifact), report);
        output.WriteLine(report);
        return (right, samples.Count);
    }

    private static string ArtifactsFolder => Path.Combine(TestPaths.RepositoryRoot, "artifacts");
}
