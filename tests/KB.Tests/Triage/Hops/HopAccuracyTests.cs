using System.Text;
using KB.Web.Features.Triage.Hops;
using Xunit.Abstractions;

namespace KB.Tests.Triage.Hops;

/// <summary>Holds the hop reader to its accuracy on real pastes and writes the figures and misses to artifacts/hop-*.md.</summary>
public class HopAccuracyTests(ITestOutputHelper output)
{
    [Fact]
    public void The_labelled_set_is_large_sourced_and_covers_every_hop()
    {
        var samples = HopSample.Load();

        Assert.True(samples.Count >= 100, $"{samples.Count} samples");
        Assert.All(samples, sample => Assert.StartsWith("https://", sample.Source));
        Assert.Equal(samples.Count, samples.Select(sample => sample.Text).Distinct().Count());
        Assert.Empty(HopCatalogue.Entries.Select(entry => entry.Component).Except(samples.Select(sample => sample.Hop).OfType<string>()));
        Assert.Contains(samples, sample => sample.Hop is null);
        Assert.All(samples.Select(sample => sample.Hop).OfType<string>(), hop => Assert.Equal(hop, HopCatalogue.Find(hop).Component));
    }

    [Fact]
    public void The_blind_set_is_part_of_the_labelled_set()
    {
        var labelled = HopSample.Load().Select(sample => sample.Text).ToHashSet();

        Assert.All(HopSample.LoadBlind(), sample => Assert.Contains(sample.Text, labelled));
    }

    [Fact]
    public void Reader_names_the_right_hop_for_at_least_95_percent_of_the_labelled_set()
    {
        var (right, count) = Measure(HopSample.Load(), "hop-labelled.md");

        Assert.True(right >= 0.95 * count, $"{right}/{count}");
    }

    [Fact]
    public void Reader_figure_on_the_blind_set_is_written()
    {
        var (right, count) = Measure(HopSample.LoadBlind(), "hop-blind.md");

        Assert.True(right >= 0.95 * count, $"{right}/{count}");
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
        var folder = Path.Combine(TestPaths.RepositoryRoot, "artifacts");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, artifact), report);
        output.WriteLine(report);
        return (right, samples.Count);
    }
}
