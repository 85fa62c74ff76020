using System.Text.Json;
using KB.Web.Features.Triage.Runbook;

namespace KB.Web.Features.Incidents;

/// <summary>
/// A value an incident's commands are filled with: read from a line of its error log (counted from 1), or corrected
/// by a responder (then the line is 0).
/// </summary>
public sealed record CommandValue(string Name, string Value, int LineNumber, string? CorrectedBy = null);

/// <summary>
/// The values of an incident's commands, kept on the incident with where each came from, so that a responder can
/// correct one and the unticked steps are filled again from their templates.
/// </summary>
public static class CommandValues
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static IReadOnlyList<CommandValue> Of(Incident incident) =>
        JsonSerializer.Deserialize<List<CommandValue>>(incident.CommandValues, Json) ?? [];

    public static void Keep(Incident incident, IReadOnlyList<CommandValue> values) =>
        incident.CommandValues = JsonSerializer.Serialize(values, Json);

    /// <summary>The values read from the error log, numbered by its lines.</summary>
    public static IReadOnlyList<CommandValue> Read(string errorLog) =>
        PasteValues.Read(Lines(errorLog)).Select(value => new CommandValue(value.Name, value.Value, value.LineNumber)).ToList();

    public static IReadOnlyList<PasteValue> ToFill(IEnumerable<CommandValue> values) =>
        values.Select(value => new PasteValue(value.Name, value.Value, value.LineNumber)).ToList();

    /// <summary>
    /// The values the checklist's templated steps ask for, in the order the steps name them: each with the line it
    /// came from, who corrected it, or the article's example. Empty for an incident copied before steps kept templates.
    /// </summary>
    public static IReadOnlyList<PasteValueField> Fields(Incident incident)
    {
        var values = Of(incident).ToDictionary(value => value.Name);
        var lines = Lines(incident.ErrorLog);
        return incident.Checklist.Where(step => step.Template is not null).OrderBy(step => step.Position)
            .SelectMany(step => RunbookFiller.Placeholders(step.Template!)).DistinctBy(placeholder => placeholder.Name)
            .Select(placeholder => values.GetValueOrDefault(placeholder.Name) switch
            {
                { CorrectedBy: { } who } value => new PasteValueField(placeholder.Name, value.Value, $"corrected by {who}"),
                { } value => PasteValueField.FromLine(placeholder.Name, value.Value, value.LineNumber, lines),
                null => new PasteValueField(placeholder.Name, placeholder.Example, "example"),
            })
            .ToList();
    }

    private static string[] Lines(string errorLog) => errorLog.Split('\n');
}
