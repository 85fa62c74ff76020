using System.Globalization;
using KB.Web.Features.Triage.Runbook;

namespace KB.Web.Features.Incidents;

/// <summary>
/// Writes what responders learnt during an incident into its cause article's checklist section: the steps they added
/// go after the article's steps, and each note goes under its step as an indented line naming the incident.
/// The article's own lines are kept as written, placeholders included.
/// </summary>
public static class ChecklistMerge
{
    /// <summary>Whether the incident has anything to give its cause article: a step a responder added, or a note on a step.</summary>
    public static bool HasNews(Incident incident) =>
        incident.Cause is not null && incident.Checklist.Any(step => step.AddedBy is not null || step.Note is not null);

    /// <summary>The section's text with the incident's added steps and notes merged in; what the article has already is not repeated.</summary>
    public static string Into(string section, Incident incident)
    {
        List<string> lines = section.Length == 0 ? [] : [.. section.Split('\n')];
        var articleSteps = ChecklistSection.Steps(lines);
        var inserts = new SortedDictionary<int, List<string>>();

        foreach (var step in incident.Checklist.Where(step => step.Note is not null).OrderBy(step => step.Position))
        {
            if (MatchOf(articleSteps, step) is not { } line)
            {
                continue;
            }
            var note = NoteLine(line.ContentIndent, incident, step.Note!);
            if (!lines.Skip(line.First).Take(line.Last - line.First + 1).Contains(note))
            {
                InsertAfter(inserts, line.Last, note);
            }
        }

        var added = incident.Checklist
            .Where(step => step.AddedBy is not null && MatchOf(articleSteps, step) is null)
            .OrderBy(step => step.Position)
            .ToList();
        if (added.Count == 0)
        {
            return Write(lines, inserts);
        }
        var last = articleSteps.Count > 0 ? articleSteps[^1] : null;
        var indent = last?.MarkerIndent ?? "";
        var newLines = new List<string>();
        foreach (var (step, i) in added.Select((step, i) => (step, i)))
        {
            var marker = NextMarker(last?.Marker, i + 1);
            newLines.Add($"{indent}{marker} [ ] {step.Text}");
            if (step.Note is not null)
            {
                newLines.Add(NoteLine(indent + new string(' ', marker.Length + 1), incident, step.Note));
            }
        }
        if (last is not null)
        {
            InsertAfter(inserts, last.Last, [.. newLines]);
            return Write(lines, inserts);
        }
        if (lines.Count == 0)
        {
            return string.Join('\n', ["## Checklist", "", .. newLines]) + "\n";
        }
        // A heading with no task list under it yet: the steps follow the heading.
        List<string> afterHeading = lines.Count > 1 && lines[1].Trim().Length > 0 ? [.. newLines, ""] : newLines;
        InsertAfter(inserts, 0, ["", .. afterHeading]);
        return Write(lines, inserts);
    }

    /// <summary>
    /// The article's step the incident's step was copied from: the same text, or the text with its placeholders filled;
    /// the step at the same place first, as the copy kept the article's order.
    /// </summary>
    private static ChecklistLine? MatchOf(IReadOnlyList<ChecklistLine> articleSteps, ChecklistItem step)
    {
        bool Matches(ChecklistLine line) => string.Equals(line.Text, step.Text, StringComparison.OrdinalIgnoreCase) || RunbookFiller.IsFilledFrom(line.Text, step.Text);
        return step.Position < articleSteps.Count && Matches(articleSteps[step.Position]) ? articleSteps[step.Position] : articleSteps.FirstOrDefault(Matches);
    }

    /// <summary>The marker of the step <paramref name="offset"/> places after the last one: the same bullet, or the next number.</summary>
    private static string NextMarker(string? lastMarker, int offset) =>
        lastMarker is { Length: > 1 } && int.TryParse(lastMarker[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? $"{number + offset}{lastMarker[^1]}"
            : lastMarker ?? "-";

    private static string NoteLine(string indent, Incident incident, string note) =>
        $"{indent}- Note from incident #{incident.Id}: {string.Join(' ', note.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))}";

    private static void InsertAfter(SortedDictionary<int, List<string>> inserts, int index, params string[] lines)
    {
        if (!inserts.TryGetValue(index, out var list))
        {
            inserts[index] = list = [];
        }
        list.AddRange(lines);
    }

    private static string Write(List<string> lines, SortedDictionary<int, List<string>> inserts)
    {
        foreach (var (index, added) in inserts.Reverse())
        {
            lines.InsertRange(index + 1, added);
        }
        return string.Join('\n', lines);
    }
}
