using System.Text.RegularExpressions;

namespace KB.Web.Features.Incidents;

/// <summary>
/// An article's text cut around its "## Checklist" section (the heading and the task list under it, up to the next
/// heading of level 1 or 2), so that the section alone can be shown, changed and put back. <see cref="Text"/> is empty
/// when the article has no such section.
/// </summary>
public sealed partial record ChecklistSection(string Before, string Text, string After)
{
    /// <summary>The article's text with <paramref name="section"/> in place of this section.</summary>
    public string With(string section)
    {
        section = section.ReplaceLineEndings("\n");
        return After.Length > 0 && section.Length > 0 && !section.EndsWith('\n') ? Before + section + "\n" + After : Before + section + After;
    }

    public static ChecklistSection Of(string articleText)
    {
        var lines = articleText.ReplaceLineEndings("\n").Split('\n');
        var fenced = false;
        int? start = null;
        var end = lines.Length;
        for (var i = 0; i < lines.Length; i++)
        {
            if (Fence().IsMatch(lines[i]))
            {
                fenced = !fenced;
                continue;
            }
            if (fenced || !TopHeading().IsMatch(lines[i]))
            {
                continue;
            }
            if (start is not null)
            {
                end = i;
                break;
            }
            if (ChecklistHeading().IsMatch(lines[i]))
            {
                start = i;
            }
        }
        if (start is not { } first)
        {
            var text = articleText.ReplaceLineEndings("\n");
            return new ChecklistSection(text.Length == 0 || text.EndsWith("\n\n", StringComparison.Ordinal) ? text : text.TrimEnd('\n') + "\n\n", "", "");
        }
        // The blank lines before the next heading stay outside the section.
        while (end - 1 > first && lines[end - 1].Trim().Length == 0)
        {
            end--;
        }
        var before = first > 0 ? string.Join('\n', lines[..first]) + "\n" : "";
        var section = string.Join('\n', lines[first..end]) + (end < lines.Length ? "\n" : "");
        var after = end < lines.Length ? string.Join('\n', lines[end..]) : "";
        return new ChecklistSection(before, section, after);
    }

    /// <summary>The task-list items of a section's text, in order, each with the lines it spans.</summary>
    public static IReadOnlyList<ChecklistLine> Steps(IReadOnlyList<string> lines)
    {
        var steps = new List<ChecklistLine>();
        var fenced = false;
        for (var i = 0; i < lines.Count; i++)
        {
            if (Fence().IsMatch(lines[i]))
            {
                fenced = !fenced;
                continue;
            }
            if (fenced || TaskItem().Match(lines[i]) is not { Success: true } match)
            {
                continue;
            }
            var indent = match.Groups["indent"].Length + match.Groups["marker"].Length + Math.Min(4, match.Groups["space"].Length);
            var text = match.Groups["text"].Value.Trim();
            var last = i;
            var inParagraph = true;
            for (var j = i + 1; j < lines.Count; j++)
            {
                var line = lines[j];
                if (line.Trim().Length == 0)
                {
                    inParagraph = false;
                    continue;
                }
                var lineIndent = line.Length - line.TrimStart().Length;
                // An indented line belongs to the step; an unindented one only continues its first paragraph.
                var continues = lineIndent >= indent || (inParagraph && !ListMarker().IsMatch(line) && !AnyHeading().IsMatch(line) && !Fence().IsMatch(line));
                if (!continues)
                {
                    break;
                }
                if (inParagraph && !ListMarker().IsMatch(line))
                {
                    text += " " + line.Trim();
                }
                else
                {
                    inParagraph = false;
                }
                last = j;
            }
            steps.Add(new ChecklistLine(i, last, text, new string(' ', indent), match.Groups["indent"].Value, match.Groups["marker"].Value));
            i = last;
        }
        return steps;
    }

    [GeneratedRegex(@"^ {0,3}(```|~~~)")]
    private static partial Regex Fence();

    [GeneratedRegex(@"^ {0,3}#{1,2}(\s|$)")]
    private static partial Regex TopHeading();

    [GeneratedRegex(@"^ {0,3}#{1,6}(\s|$)")]
    private static partial Regex AnyHeading();

    [GeneratedRegex(@"^ {0,3}##\s+Checklist\s*#*\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex ChecklistHeading();

    [GeneratedRegex(@"^(?<indent> {0,3})(?<marker>[-*+]|\d{1,9}[.)])(?<space> +)\[[ xX]\](?:[ \t]+(?<text>.*))?$")]
    private static partial Regex TaskItem();

    [GeneratedRegex(@"^\s*([-*+]|\d{1,9}[.)])\s")]
    private static partial Regex ListMarker();
}

/// <summary>
/// One step of an article's checklist as written: the lines it spans (<paramref name="First"/> to <paramref name="Last"/>),
/// its text, the indent of the text under its marker, and its marker (<c>-</c>, <c>*</c>, <c>3.</c>).
/// </summary>
public sealed record ChecklistLine(int First, int Last, string Text, string ContentIndent, string MarkerIndent, string Marker);
