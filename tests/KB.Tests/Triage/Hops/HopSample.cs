using System.Text.Json;

namespace KB.Tests.Triage.Hops;

/// <summary>A real error page, header dump, curl output or log excerpt, the hop that generated it (null when the paste does not tell) and where it was seen.</summary>
public sealed record HopSample(string Text, string? Hop, string Source)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The set the reader is held to.</summary>
    public static IReadOnlyList<HopSample> Load() => Load("hop-labelled.json");

    /// <summary>The samples gathered before the reader was written, kept apart to report how it did on pastes it was not written for.</summary>
    public static IReadOnlyList<HopSample> LoadBlind() => Load("hop-blind.json");

    private static IReadOnlyList<HopSample> Load(string file) =>
        JsonSerializer.Deserialize<List<HopSample>>(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Triage", "Hops", file)), Json)!;
}
