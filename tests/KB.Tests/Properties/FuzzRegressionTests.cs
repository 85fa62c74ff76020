using CsCheck;
using KB.Fuzz;

namespace KB.Tests.Properties;

/// <summary>The fuzz targets in the ordinary test run: every kept crash replayed, and hostile text generated for each.</summary>
public class FuzzRegressionTests
{
    private static readonly string Regressions = Path.Combine(AppContext.BaseDirectory, "FuzzRegressions");

    public static TheoryData<string> Targets => [.. FuzzTargets.All.Keys];

    public static TheoryData<string, string> KeptInputs()
    {
        var data = new TheoryData<string, string>();
        foreach (var target in FuzzTargets.All.Keys)
        {
            var folder = Path.Combine(Regressions, target);
            foreach (var file in Directory.Exists(folder) ? Directory.GetFiles(folder).Order().ToArray() : [])
            {
                data.Add(target, Path.GetFileName(file));
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(KeptInputs))]
    public void A_kept_fuzz_input_passes_its_target(string target, string file) =>
        FuzzTargets.All[target](FuzzTargets.Text(File.ReadAllBytes(Path.Combine(Regressions, target, file))));

    [Theory]
    [MemberData(nameof(Targets))]
    public void Hostile_text_passes_every_fuzz_target(string target) =>
        HostileInput.Text(2_000, 100_000).Sample(FuzzTargets.All[target], iter: HostileInput.Cases / 2, print: HostileInput.Describe);
}
