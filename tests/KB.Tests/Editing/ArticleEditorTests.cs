using KB.Web.Data;
using KB.Web.Features.Editing;
using KB.Web.Features.Knowledge;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KB.Tests.Editing;

/// <summary>Saving, refusing and restoring articles on a real content folder and SQLite file.</summary>
public sealed class ArticleEditorTests : IDisposable
{
    private const string Slug = "widget-timeouts";

    private readonly TempFolder _content = new();
    private readonly string _path;
    private readonly KbApp _app;

    public ArticleEditorTests()
    {
        _path = _content.Write($"diagnostics/{Slug}.md", Articles.Markdown(Slug, body: "Widgets time out.\n\nCheck the widget pool."));
        _app = new KbApp(_content.Path);
        _ = _app.Server;
    }

    public void Dispose()
    {
        _app.Dispose();
        _content.Dispose();
    }

    private ArticleEditor Editor => _app.Services.GetRequiredService<ArticleEditor>();

    private async Task<List<ArticleRevision>> RevisionsAsync()
    {
        await using var db = await _app.Services.GetRequiredService<IDbContextFactory<KbDb>>().CreateDbContextAsync();
        return await db.ArticleRevisions.Where(revision => revision.Slug == Slug).OrderBy(revision => revision.Number).ToListAsync();
    }

    private async Task<SaveResult> SaveAsync(string text, string who = "Erin", string? comment = null)
    {
        var draft = await Editor.LoadAsync(Slug);
        return await Editor.SaveAsync(Slug, text, draft!.Stamp, who, comment);
    }

    [Fact]
    public async Task Saving_writes_the_file_and_records_the_revision_after_the_on_disk_baseline()
    {
        var before = await File.ReadAllTextAsync(_path);
        var text = Articles.Markdown(Slug, body: "Widgets time out under load.");

        var result = await SaveAsync(text, comment: "Say when");

        Assert.Equal((SaveOutcome.Saved, 2), (result.Outcome, result.Revision));
        Assert.Equal(text, await File.ReadAllTextAsync(_path));
        var revisions = await RevisionsAsync();
        Assert.Equal([1, 2], revisions.Select(revision => revision.Number));
        Assert.Equal((ArticleEditor.ContentFolderAuthor, before), (revisions[0].SavedBy, revisions[0].Text));
        Assert.Equal(("Erin", text, "Say when"), (revisions[1].SavedBy, revisions[1].Text, revisions[1].Comment));
        Assert.True(revisions[1].SavedAt > DateTime.UtcNow.AddMinutes(-1));
    }

    [Fact]
    public async Task A_second_save_adds_one_revision_and_a_change_outside_the_app_is_recorded_first()
    {
        await SaveAsync(Articles.Markdown(Slug, body: "First edit."));
        await SaveAsync(Articles.Markdown(Slug, body: "Second edit."));
        Assert.Equal(3, (await RevisionsAsync()).Count);

        var outside = Articles.Markdown(Slug, body: "Edited with vim.");
        await File.WriteAllTextAsync(_path, outside);
        await SaveAsync(Articles.Markdown(Slug, body: "Third edit."));

        var revisions = await RevisionsAsync();
        Assert.Equal([1, 2, 3, 4, 5], revisions.Select(revision => revision.Number));
        Assert.Equal((ArticleEditor.ContentFolderAuthor, outside), (revisions[3].SavedBy, revisions[3].Text));
    }

    [Theory]
    [InlineData("---\nslug: widget-timeouts\ntitle: [unclosed\ncategory: diagnostic\n---\nBody.", "not valid YAML")]
    [InlineData("---\nslug: gadget-timeouts\ntitle: Renamed\ncategory: diagnostic\n---\nBody.", "does not match the file name 'widget-timeouts.md'")]
    [InlineData("---\nslug: widget-timeouts\ntitle: Moved\ncategory: cause\n---\nBody.", "belongs in the folder 'causes/'")]
    [InlineData("---\nslug: widget-timeouts\ntitle: Bad pattern\ncategory: diagnostic\nsignatures:\n  - emitter: nginx\n    pattern: 'upstream (timed out'\n---\nBody.", "is not a valid regular expression")]
    [InlineData("No front matter at all.", "does not start with front matter")]
    public async Task Invalid_articles_are_refused_with_the_reason_and_nothing_is_written(string text, string reason)
    {
        var before = await File.ReadAllBytesAsync(_path);

        var result = await SaveAsync(text);

        Assert.Equal(SaveOutcome.Invalid, result.Outcome);
        Assert.Contains(reason, result.Message);
        Assert.Equal(before, await File.ReadAllBytesAsync(_path));
        Assert.Empty(await RevisionsAsync());
    }

    [Fact]
    public async Task A_file_changed_since_it_was_opened_is_a_conflict_and_is_not_overwritten()
    {
        var draft = await Editor.LoadAsync(Slug);
        var theirs = Articles.Markdown(Slug, body: "Someone else's edit.");
        await File.WriteAllTextAsync(_path, theirs);

        var result = await Editor.SaveAsync(Slug, Articles.Markdown(Slug, body: "My edit."), draft!.Stamp, "Erin", null);

        Assert.Equal(SaveOutcome.Conflict, result.Outcome);
        Assert.Contains("changed since you opened it", result.Message);
        Assert.Equal(theirs, await File.ReadAllTextAsync(_path));
        Assert.Empty(await RevisionsAsync());
    }

    [Fact]
    public async Task Text_over_the_limit_is_refused_with_the_limit_in_the_message()
    {
        var before = await File.ReadAllBytesAsync(_path);

        var result = await SaveAsync(Articles.Markdown(Slug, body: new string('x', ArticleEditor.MaxTextBytes)));

        Assert.Equal(SaveOutcome.TooLarge, result.Outcome);
        Assert.Contains("up to 256 KB", result.Message);
        Assert.Equal(before, await File.ReadAllBytesAsync(_path));
    }

    [Fact]
    public async Task The_write_is_atomic_leaves_no_temporary_file_and_normalises_line_endings()
    {
        await SaveAsync(Articles.Markdown(Slug, body: "Line one.\r\nLine two.\rLine three.").ReplaceLineEndings("\r\n"));

        Assert.Equal([_path], Directory.GetFiles(Path.GetDirectoryName(_path)!));
        var written = await File.ReadAllTextAsync(_path);
        Assert.DoesNotContain('\r', written);
        Assert.Contains("Line one.\nLine two.\nLine three.", written);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task The_rewritten_file_keeps_the_permissions_of_the_one_it_replaces()
    {
        const UnixFileMode groupReadable = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite;
        File.SetUnixFileMode(_path, groupReadable);

        await SaveAsync(Articles.Markdown(Slug, body: "Widgets time out under load."));

        Assert.Equal(groupReadable, File.GetUnixFileMode(_path));
    }

    [Fact]
    public async Task A_file_refused_for_its_front_matter_opens_in_the_editor_and_is_back_once_mended()
    {
        const string broken = "pool-exhaustion";
        _content.Write($"diagnostics/{broken}.md", "---\nslug: pool-exhaustion\ntitle: Pool exhaustion\ncategory: diagnostc\n---\nThe pool runs dry.");
        await _app.Services.GetRequiredService<KnowledgeBase>().ReloadAsync();
        Assert.Null(_app.Services.GetRequiredService<KnowledgeBase>().Current.Find(broken));

        var draft = await Editor.LoadAsync(broken);
        Assert.NotNull(draft);
        Assert.True(draft.Article.IsRefused);
        Assert.Contains("Front matter:", Editor.Preview(broken, draft.Text)?.Problem);
        var stillBroken = await Editor.SaveAsync(broken, draft.Text.Replace("The pool", "Still, the pool"), draft.Stamp, "Erin", null);
        Assert.Equal(SaveOutcome.Invalid, stillBroken.Outcome);

        var mended = await Editor.SaveAsync(broken, draft.Text.Replace("diagnostc", "diagnostic"), draft.Stamp, "Erin", "Fix the category");

        Assert.Equal(SaveOutcome.Saved, mended.Outcome);
        Assert.Equal("Pool exhaustion", _app.Services.GetRequiredService<KnowledgeBase>().Current.Find(broken)?.Title);
        Assert.False(Editor.Find(broken)?.IsRefused);
        Assert.Null(Editor.Find("no-such-article"));
    }

    [Fact]
    public async Task Search_and_the_catalog_show_the_new_text_as_soon_as_the_save_returns()
    {
        await SaveAsync(Articles.Markdown(Slug, body: "Now mentions the flibbertigibbet proxy."));

        var results = await _app.Services.GetRequiredService<SearchIndex>().SearchAsync("flibbertigibbet", SearchFilter.None, 10);
        Assert.Equal([Slug], results.Select(result => result.Slug));
        Assert.Contains("flibbertigibbet", _app.Services.GetRequiredService<KnowledgeBase>().Current.Find(Slug)!.PlainText);
    }

    [Fact]
    public async Task Restoring_saves_the_old_text_as_a_new_revision()
    {
        var original = await File.ReadAllTextAsync(_path);
        await SaveAsync(Articles.Markdown(Slug, body: "A regrettable edit."));

        var result = await Editor.RestoreAsync(Slug, 1, "Frank");

        Assert.Equal((SaveOutcome.Saved, 3), (result.Outcome, result.Revision));
        Assert.Equal(original, await File.ReadAllTextAsync(_path));
        var restored = (await RevisionsAsync())[2];
        Assert.Equal(("Frank", "Restored revision 1", original), (restored.SavedBy, restored.Comment, restored.Text));
        Assert.Equal(SaveOutcome.NotFound, (await Editor.RestoreAsync(Slug, 99, "Frank")).Outcome);
    }

    [Fact]
    public async Task History_lists_revisions_newest_first_with_the_change_against_the_one_before()
    {
        await SaveAsync(Articles.Markdown(Slug, body: "Widgets time out.\n\nCheck the gadget pool."));

        var history = await Editor.HistoryAsync(Slug);

        Assert.Equal([2, 1], history.Select(change => change.Revision.Number));
        Assert.Null(history[1].Diff);
        var diff = history[0].Diff!;
        Assert.Equal((1, 1), (diff.Added, diff.Removed));
        Assert.Contains(diff.Rows, row => row is { Kind: DiffRowKind.Removed, Text: "Check the widget pool." });
        Assert.Contains(diff.Rows, row => row is { Kind: DiffRowKind.Added, Text: "Check the gadget pool." });
    }

    [Fact]
    public async Task Saving_the_same_text_writes_nothing_and_an_unknown_slug_is_not_found()
    {
        Assert.Equal(SaveOutcome.Unchanged, (await SaveAsync(await File.ReadAllTextAsync(_path))).Outcome);
        Assert.Empty(await RevisionsAsync());

        Assert.Null(await Editor.LoadAsync("no-such-article"));
        Assert.Equal(SaveOutcome.NotFound, (await Editor.SaveAsync("no-such-article", "text", "stamp", "Erin", null)).Outcome);
    }
}
