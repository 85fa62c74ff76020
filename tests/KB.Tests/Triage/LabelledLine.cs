using System.Text.Json;

namespace KB.Tests.Triage;

/// <summary>A real error line seen in the wild, the cause it shows, who wrote it and where it was seen.</summary>
public sealed record LabelledLine(string Line, string Cause, string Emitter, string Source)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The set the engine is held to, the blind sets of earlier rounds folded in once measured.</summary>
    public static IReadOnlyList<LabelledLine> Load() => Read<LabelledLine>("labelled-lines.json");

    /// <summary>The fourth blind set: lines from sources the corpus did not have, gathered before the engine was read.</summary>
    public static IReadOnlyList<LabelledLine> LoadBlind4() => Read<LabelledLine>("blind-4.json");

    internal static IReadOnlyList<T> Read<T>(string file) =>
        JsonSerializer.Deserialize<List<T>>(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Triage", file)), Json)!;
}

/// <summary>
/// What the engine answered for one line of the second blind set when that set was measured the first time, before
/// any change was made for it: the record the confidence levels are checked against.
/// </summary>
public sealed record FirstBlindAnswer(string Source, string Cause, string Answered, double Confidence, double Score, double? SecondScore, bool NamesRootCause, bool FullText)
{
    public static IReadOnlyList<FirstBlindAnswer> Load() => LabelledLine.Read<FirstBlindAnswer>("blind-2-first-answers.json");

    /// <summary>What the engine answered for each line of the third blind set at its first measurement.</summary>
    public static IReadOnlyList<FirstBlindAnswer> LoadThird() => LabelledLine.Read<FirstBlindAnswer>("blind-3-first-answers.json");

    /// <summary>What the engine answered for each line of the fourth blind set at its first measurement.</summary>
    public static IReadOnlyList<FirstBlindAnswer> LoadFourth() => LabelledLine.Read<FirstBlindAnswer>("blind-4-first-answers.json");

    public bool Right => Answered == Cause;
}
