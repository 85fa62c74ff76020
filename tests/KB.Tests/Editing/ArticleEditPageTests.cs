using System.Text.RegularExpressions;
using Bunit;
using KB.Tests.Components;
using KB.Web.Features.Accounts;
using KB.Web.Features.Audit;
using KB.Web.Features.Editing;
using KB.Web.Features.Knowledge;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace KB.Tests.Editing;

/// <summary>The editor and history pages as an editor uses them in the live page: save, refusals, conflicts, restore.</summary>
public sealed class ArticleEditPageTests : AppPageTestContext
{
    private const string EditorName = "Eddie Editor";
    private const string Slug = "widget-timeouts";

    private readonly TempFolder _content;

    public ArticleEditPageTests() : this(new TempFolder())
    {
    }

    private ArticleEditPageTests(TempFolder content) : base(WithArticle(content)) => _content = content;

    private string ArticlePath => _content.Combine("diagnostics", $"{Slug}.md");

    private static string WithArticle(TempFolder content)
    {
        content.Write($"diagnostics/{Slug}.md", Articles.Markdown(Slug, title: "Widget timeouts", body: "Widgets time out.\n\nCheck the widget pool."));
        return content.Path;
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _content.Dispose();
    }

    private ArticleEditor Editor => App.Services.GetRequiredService<ArticleEditor>();

    private IRenderedComponent<ArticleEditPage> RenderEditor(string slug = Slug)
    {
        var page = Context.Render<ArticleEditPage>(parameters => parameters.Add(x => x.Slug, slug));
        page.WaitForElement("#article-markdown");
        return page;
    }

    [Fact]
    public async Task Saving_says_saved_and_goes_to_the_article_showing_the_change_recorded_as_a_revision()
    {
        await SignInAsync(Roles.Editor, EditorName);
        var page = RenderEditor();
        Typed = Articles.Markdown(Slug, title: "Widget timeouts", body: "Check the gizmo pool.");

        await page.Find("#revision-comment").ChangeAsync(new ChangeEventArgs { Value = "Gizmos, not widgets" });
        Click(page, "Save article");

        page.WaitForAssertion(() => Assert.EndsWith($"/kb/{Slug}", Navigation.Uri));
        Assert.Contains(Snackbar.ShownSnackbars, snackbar => snackbar.Message == "Saved: Saved as revision 2.");
        Assert.Contains("Check the gizmo pool.", await App.CreateClient().GetStringAsync($"/kb/{Slug}"));
        var history = await Editor.HistoryAsync(Slug);
        Assert.Equal((EditorName, "Gizmos, not widgets"), (history[0].Revision.SavedBy, history[0].Revision.Comment));
        var audit = Assert.Single(await AuditAsync(AuditActions.ArticleSaved));
        Assert.Equal((EditorName, Slug), (audit.Actor, audit.SubjectId));
    }

    [Fact]
    public async Task The_preview_follows_the_text_and_names_what_stops_a_save()
    {
        await SignInAsync(Roles.Editor);
        var page = RenderEditor();
        Assert.Contains("<p>Check the widget pool.</p>", page.Find("#article-preview").InnerHtml);

        Typed = Articles.Markdown(Slug, body: "Hello **preview** <script>alert(1)</script>");
        await page.InvokeAsync(() => page.FindComponent<MarkdownBox>().Instance.ChangedAsync());
        var preview = page.Find("#article-preview").InnerHtml;
        Assert.Contains("<strong>preview</strong>", preview);
        Assert.DoesNotContain("<script>", preview);
        Assert.Empty(page.FindAll("#preview-problem"));

        Typed = Articles.Markdown("renamed-article", body: "Body");
        await page.InvokeAsync(() => page.FindComponent<MarkdownBox>().Instance.ChangedAsync());
        Assert.Contains("Front matter: The slug 'renamed-article' does not match the file name", page.Find("#preview-problem").TextContent);
    }

    [Fact]
    public async Task A_refused_save_names_the_reason_beside_the_markdown_and_writes_nothing()
    {
        await SignInAsync(Roles.Editor);
        var before = await File.ReadAllBytesAsync(ArticlePath);
        var page = RenderEditor();
        Typed = "---\nslug: widget-timeouts\ntitle: Widget timeouts\ncategory: cause\n---\nMy unsaved words.";
        var opened = Navigation.Uri;

        Click(page, "Save article");

        page.WaitForAssertion(() => Assert.Contains("belongs in the folder", page.Find("#article-markdown-problem").TextContent));
        Assert.Equal("true", page.Find("#article-markdown").GetAttribute("aria-invalid"));
        Assert.Equal("article-markdown-problem", page.Find("#article-markdown").GetAttribute("aria-describedby"));
        Assert.Equal(opened, Navigation.Uri);
        Assert.Equal(before, await File.ReadAllBytesAsync(ArticlePath));
    }

    [Fact]
    public async Task A_comment_over_its_limit_is_refused_beside_the_comment_field()
    {
        await SignInAsync(Roles.Editor);
        var page = RenderEditor();
        Typed = Articles.Markdown(Slug, title: "Widget timeouts", body: "Changed.");

        await page.Find("#revision-comment").ChangeAsync(new ChangeEventArgs { Value = new string('c', ArticleEditor.MaxCommentLength + 1) });
        Click(page, "Save article");

        page.WaitForAssertion(() => Assert.Contains($"The comment can be at most {ArticleEditor.MaxCommentLength} characters", page.Markup));
        Assert.Empty(await Editor.HistoryAsync(Slug));
    }

    [Fact]
    public async Task A_conflict_shows_what_differs_and_the_next_save_goes_over_the_other_change()
    {
        await SignInAsync(Roles.Editor);
        var page = RenderEditor();
        await File.WriteAllTextAsync(ArticlePath, Articles.Markdown(Slug, title: "Widget timeouts", body: "Someone else's words."));
        var mine = Articles.Markdown(Slug, title: "Widget timeouts", body: "My words.");
        Typed = mine;

        Click(page, "Save article");

        page.WaitForAssertion(() => Assert.Contains("changed since you opened it", page.Markup));
        Assert.Contains(page.FindAll(".diff del"), removed => removed.TextContent == "Someone else's words.");
        Assert.Contains(page.FindAll(".diff ins"), added => added.TextContent == "My words.");
        Click(page, "Save article");
        page.WaitForAssertion(() => Assert.EndsWith($"/kb/{Slug}", Navigation.Uri));
        Assert.Equal(mine, await File.ReadAllTextAsync(ArticlePath));
    }

    [Fact]
    public async Task A_file_the_knowledge_base_refused_is_mended_in_the_editor()
    {
        const string broken = "pool-exhaustion";
        _content.Write($"diagnostics/{broken}.md", "---\nslug: pool-exhaustion\ntitle: Pool exhaustion\ncategory: diagnostc\n---\nThe pool runs dry.");
        await App.Services.GetRequiredService<KnowledgeBase>().ReloadAsync();
        await SignInAsync(Roles.Editor);
        var page = Context.Render<ArticleEditPage>(parameters => parameters.Add(x => x.Slug, broken));
        page.WaitForElement("#article-markdown");
        Assert.Contains("This article is not in the knowledge base: its file has errors", page.Markup);
        Typed = "---\nslug: pool-exhaustion\ntitle: Pool exhaustion\ncategory: diagnostic\n---\nThe pool runs dry.";

        Click(page, "Save article");

        page.WaitForAssertion(() => Assert.EndsWith($"/kb/{broken}", Navigation.Uri));
        Assert.Contains("The pool runs dry.", await App.CreateClient().GetStringAsync($"/kb/{broken}"));
        Assert.DoesNotContain(App.Services.GetRequiredService<KnowledgeBase>().Current.Problems, problem => problem.ArticleSlug == broken);
    }

    [Fact]
    public async Task A_save_after_the_session_ended_writes_nothing_and_says_why()
    {
        await SignInAsync(Roles.Editor);
        var before = await File.ReadAllBytesAsync(ArticlePath);
        var page = RenderEditor();
        Typed = Articles.Markdown(Slug, title: "Widget timeouts", body: "Too late.");
        Authorization.SetNotAuthorized();

        Click(page, "Save article");

        page.WaitForAssertion(() => Assert.Contains(Snackbar.ShownSnackbars, snackbar => snackbar.Message?.StartsWith("Your session has ended", StringComparison.Ordinal) == true));
        Assert.Equal(before, await File.ReadAllBytesAsync(ArticlePath));
    }

    [Fact]
    public async Task History_shows_each_change_and_restores_a_revision_once_confirmed()
    {
        var original = await File.ReadAllTextAsync(ArticlePath);
        var draft = await Editor.LoadAsync(Slug);
        await Editor.SaveAsync(Slug, Articles.Markdown(Slug, title: "Widget timeouts", body: "Widgets time out.\n\nCheck the gadget pool."), draft!.Stamp, EditorName, null);
        await SignInAsync(Roles.Editor, "Frank");

        var (dialogs, page) = RenderWithDialogs<ArticleHistoryPage>(parameters => parameters.Add(x => x.Slug, Slug));

        page.WaitForAssertion(() => Assert.Contains("Revision 2", page.Markup));
        Assert.Contains("by " + EditorName, page.Markup);
        Assert.Contains("by content folder", page.Markup);
        Assert.Contains("<del>Check the widget pool.</del>", page.Markup);
        Assert.Contains("<ins>Check the gadget pool.</ins>", page.Markup);
        Assert.Matches(@"\d{4}-\d\d-\d\d \d\d:\d\d UTC", page.Markup);

        Click(page, "Restore revision 1");
        dialogs.WaitForAssertion(() => Assert.Contains("Restore revision 1?", dialogs.Markup));
        Click(dialogs, "Cancel");
        dialogs.WaitForAssertion(() => Assert.DoesNotContain("Restore revision 1?", dialogs.Markup));
        Assert.Equal(2, (await Editor.HistoryAsync(Slug)).Count);

        Click(page, "Restore revision 1");
        dialogs.WaitForAssertion(() => Assert.Contains("Restore revision 1?", dialogs.Markup));
        Click(dialogs, "Restore");

        page.WaitForAssertion(() => Assert.Contains("Restored revision 1", page.Markup));
        Assert.Contains(Snackbar.ShownSnackbars, snackbar => snackbar.Message == "Restored: the article now has the text of revision 1.");
        Assert.Equal(original, await File.ReadAllTextAsync(ArticlePath));
        Assert.Equal("Frank", (await Editor.HistoryAsync(Slug))[0].Revision.SavedBy);
    }

    [Fact]
    public async Task Until_the_page_is_live_the_markdown_and_the_save_button_are_disabled()
    {
        await SignInAsync(Roles.Editor);
        Context.Renderer.SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Static", isInteractive: false));

        var page = Context.Render<ArticleEditPage>(parameters => parameters.Add(x => x.Slug, Slug));

        page.WaitForElement("#article-markdown");
        Assert.True(page.Find("#article-markdown").HasAttribute("disabled"));
        Assert.True(page.FindAll("button").Single(button => button.TextContent.Trim() == "Save article").HasAttribute("disabled"));
        Assert.Matches(new Regex("data-interactive=\"false\""), page.Markup);
    }
}
