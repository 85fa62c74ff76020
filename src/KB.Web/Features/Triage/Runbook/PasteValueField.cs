namespace KB.Web.Features.Triage.Runbook;

/// <summary>A value the shown commands use, where it came from, and the responder's correction of it.</summary>
public sealed record PasteValueField(string Name, string Value, string Source, int LineNumber = 0)
{
    public string Label => Name.Replace('_', ' ');

    /// <summary>
    /// The fields of the values that <paramref name="steps"/> ask for: the responder's correction, else the value read
    /// from the paste (with the line it came from), else the article's example.
    /// </summary>
    public static IReadOnlyList<PasteValueField> For(IEnumerable<RunbookStep> steps, IReadOnlyList<string> lines, IReadOnlyDictionary<string, string> corrections)
    {
        var stepList = steps.ToList();
        var read = stepList.SelectMany(step => step.Filled).DistinctBy(value => value.Name).ToDictionary(value => value.Name);
        return stepList.SelectMany(step => RunbookFiller.Placeholders(step.Template)).DistinctBy(placeholder => placeholder.Name)
            .Select(placeholder => corrections.TryGetValue(placeholder.Name, out var corrected)
                ? new PasteValueField(placeholder.Name, corrected, "corrected")
                : read.TryGetValue(placeholder.Name, out var value)
                    ? FromLine(placeholder.Name, value.Value, value.LineNumber, lines)
                    : new PasteValueField(placeholder.Name, placeholder.Example, "example"))
            .ToList();
    }

    /// <summary>A value read from line <paramref name="lineNumber"/> (counted from 1) of <paramref name="lines"/>, which it quotes.</summary>
    public static PasteValueField FromLine(string name, string value, int lineNumber, IReadOnlyList<string> lines) =>
        new(name, value, $"from line {lineNumber}: {Shorten(lines.ElementAtOrDefault(lineNumber - 1) ?? "")}", lineNumber);

    /// <summary>The values to fill the steps with: the fields' values, corrected ones included.</summary>
    public static IReadOnlyList<PasteValue> Values(IReadOnlyList<PasteValueField> fields) =>
        fields.Where(field => field.Source != "example").Select(field => new PasteValue(field.Name, field.Value, field.LineNumber)).ToList();

    /// <summary>Why a corrected value cannot be used, or null: it goes into a command inside inline code.</summary>
    public static string? Problem(string value) =>
        value.Length > MaxLength ? $"At most {MaxLength} characters."
        : value.IndexOfAny(['`', '\n', '\r']) >= 0 ? "A value cannot hold a backtick or a line break."
        : null;

    public const int MaxLength = 200;

    public const string Missing = "Give a value; the commands keep the last one.";

    private static string Shorten(string line) => line.Length <= 80 ? line.Trim() : line.Trim()[..80] + "…";
}
