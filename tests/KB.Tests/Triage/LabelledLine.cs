using System.Text.Json;

namespace KB.Tests.Triage;

/// <summary>A real error line seen in the wild, the cause it shows, who wrote it and where it was seen.</summary>
public sealed record LabelledLine(string Line, string Cause, string Emitter, string Source)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static IReadOnlyList<LabelledLine> Load() =>
        JsonSerializer.Deserialize<List<LabelledLine>>(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Triage", "labelled-lines.json")), Json)!;
}
