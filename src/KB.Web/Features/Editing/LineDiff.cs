using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;

namespace KB.Web.Features.Editing;

public enum DiffRowKind
{
    Unchanged,
    Added,
    Removed,

    /// <summary>A run of unchanged lines left out, far from any change.</summary>
    Collapsed,
}

/// <summary>A line of a diff with its numbers in the old and the new text, or a collapsed run of <see cref="HiddenLines"/> unchanged lines.</summary>
public sealed record DiffRow(DiffRowKind Kind, string Text, int? OldNumber, int? NewNumber, int HiddenLines = 0);

/// <summary>The lines that differ between two texts, with a few unchanged lines around each change.</summary>
public sealed record LineDiff(IReadOnlyList<DiffRow> Rows)
{
    public const int Context = 3;

    public int Added => Rows.Count(row => row.Kind == DiffRowKind.Added);

    public int Removed => Rows.Count(row => row.Kind == DiffRowKind.Removed);

    public static LineDiff Between(string oldText, string newText)
    {
        var lines = InlineDiffBuilder.Diff(oldText, newText, ignoreWhiteSpace: false).Lines;
        var rows = new List<DiffRow>(lines.Count);
        int oldNumber = 0, newNumber = 0;
        foreach (var line in lines)
        {
            rows.Add(line.Type switch
            {
                ChangeType.Inserted => new DiffRow(DiffRowKind.Added, line.Text, null, ++newNumber),
                ChangeType.Deleted => new DiffRow(DiffRowKind.Removed, line.Text, ++oldNumber, null),
                _ => new DiffRow(DiffRowKind.Unchanged, line.Text, ++oldNumber, ++newNumber),
            });
        }
        return new LineDiff(Collapse(rows));
    }

    /// <summary>A text with nothing before it, such as a proposed new article: every line is added.</summary>
    public static LineDiff AllAdded(string text) =>
        new(text.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n').Select((line, i) => new DiffRow(DiffRowKind.Added, line, null, i + 1)).ToList());

    private static List<DiffRow> Collapse(List<DiffRow> rows)
    {
        var nearChange = new bool[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            if (rows[i].Kind == DiffRowKind.Unchanged)
            {
                continue;
            }
            for (var j = Math.Max(0, i - Context); j <= Math.Min(rows.Count - 1, i + Context); j++)
            {
                nearChange[j] = true;
            }
        }

        var shown = new List<DiffRow>();
        var hidden = 0;
        for (var i = 0; i < rows.Count; i++)
        {
            if (nearChange[i])
            {
                FlushHidden();
                shown.Add(rows[i]);
            }
            else
            {
                hidden++;
            }
        }
        FlushHidden();
        return shown;

        void FlushHidden()
        {
            if (hidden > 0)
            {
                shown.Add(new DiffRow(DiffRowKind.Collapsed, "", null, null, hidden));
                hidden = 0;
            }
        }
    }
}
