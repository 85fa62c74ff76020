using System.Text.Json;

namespace KB.Tests.Triage;

/// <summary>A real error line seen in the wild, the cause it shows, who wrote it and where it was seen.</summary>
public sealed record LabelledLine(string Line, string Cause, string Emitter, string Source)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The set the engine is held to.</summary>
    public static IReadOnlyList<LabelledLine> Load() => Load("labelled-lines.json");

    /// <summary>Lines from sources in neither set, gathered before the engine was changed for them; measured, never tuned on.</summary>
    public static IReadOnlyList<LabelledLine> LoadBlind() => Load("blind-lines.json");

    /// <summary>A second blind set, gathered the same way once the first had been folded in.</summary>
    public static IReadOnlyList<LabelledLine> LoadBlind2() => Load("blind-lines-2.json");

    private static IReadOnlyList<LabelledLine> Load(string file) =>
        JsonSerializer.Deserialize<List<LabelledLine>>(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Triage", file)), Json)!;
}
