using KB.Web.Features.Editing;

namespace KB.Tests.Editing;

public class LineDiffTests
{
    private static string Lines(int from, int to) => string.Join("\n", Enumerable.Range(from, to - from + 1).Select(n => $"line {n}"));

    [Fact]
    public void A_changed_line_shows_as_removed_and_added_with_numbers_in_both_texts()
    {
        var diff = LineDiff.Between("alpha\nbeta\ngamma", "alpha\nBETA\ngamma");

        Assert.Equal(
            [
                new DiffRow(DiffRowKind.Unchanged, "alpha", 1, 1),
                new DiffRow(DiffRowKind.Removed, "beta", 2, null),
                new DiffRow(DiffRowKind.Added, "BETA", null, 2),
                new DiffRow(DiffRowKind.Unchanged, "gamma", 3, 3),
            ],
            diff.Rows);
    }

    [Fact]
    public void Unchanged_lines_far_from_a_change_are_collapsed_leaving_three_of_context()
    {
        var before = Lines(1, 20);
        var after = before.Replace("line 10", "line ten");

        var rows = LineDiff.Between(before, after).Rows;

        Assert.Equal(new DiffRow(DiffRowKind.Collapsed, "", null, null, HiddenLines: 6), rows[0]);
        Assert.Equal(["line 7", "line 8", "line 9", "line 10", "line ten", "line 11", "line 12", "line 13"], rows.Skip(1).Take(8).Select(row => row.Text));
        Assert.Equal(new DiffRow(DiffRowKind.Collapsed, "", null, null, HiddenLines: 7), rows[^1]);
        Assert.Equal(10, rows.Single(row => row.Kind == DiffRowKind.Added).NewNumber);
    }

    [Fact]
    public void Identical_texts_have_no_changes()
    {
        var diff = LineDiff.Between(Lines(1, 5), Lines(1, 5));

        Assert.Equal((0, 0), (diff.Added, diff.Removed));
        Assert.Equal(DiffRowKind.Collapsed, Assert.Single(diff.Rows).Kind);
    }

    [Fact]
    public void A_text_with_nothing_before_it_is_every_line_added_none_collapsed()
    {
        var diff = LineDiff.AllAdded(Lines(1, 20) + "\n");

        Assert.Equal((20, 0, 20), (diff.Rows.Count, diff.Removed, diff.Added));
        Assert.Equal(new DiffRow(DiffRowKind.Added, "line 20", null, 20), diff.Rows[^1]);
    }
}
