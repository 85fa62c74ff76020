using Bunit;
using KB.Tests.Components;
using KB.Web.Features.Accounts;
using KB.Web.Features.Audit;
using KB.Web.Features.Editing;
using Microsoft.Extensions.DependencyInjection;

namespace KB.Tests.Editing;

/// <summary>The New article form in the live page, with review off: the slug follows the title, bad input is named beside its field.</summary>
public sealed class NewArticlePageTests : AppPageTestContext
{
    private readonly TempFolder _content;

    public NewArticlePageTests() : this(new TempFolder())
    {
    }

    private NewArticlePageTests(TempFolder content) : base(WithArticle(content)) => _content = content;

    private static string WithArticle(TempFolder content)
    {
        content.Write("diagnostics/check-widgets.md", Articles.Markdown("check-widgets", title: "Check widgets"));
        return content.Path;
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _content.Dispose();
    }

    private IRenderedComponent<NewArticlePage> RenderForm()
    {
        var page = Context.Render<NewArticlePage>();
        page.WaitForElement("#article-body");
        return page;
    }

    private string[] Files() => Directory.GetFiles(_content.Path, "*", SearchOption.AllDirectories).Order().ToArray();

    [Fact]
    public async Task The_slug_follows_the_title_and_creating_opens_the_new_article_that_search_finds()
    {
        await SignInAsync(Roles.Editor, "Eddie Editor");
        var page = RenderForm();

        await TypeAsync(page, "Title", "Read the gizmo logs");
        page.WaitForAssertion(() => Assert.Equal("read-the-gizmo-logs", page.Find("#article-slug").GetAttribute("value")));
        await ChooseAsync(page, "Category", "diagnostic");
        await TypeAsync(page, "Tags", "gizmo, logs");
        await TypeAsync(page, "Summary", "Where gizmo logs its 502s.");
        Typed = "Run `gizmoctl logs` and look for zebrafish lines.";
        Click(page, "Create article");

        page.WaitForAssertion(() => Assert.EndsWith("/kb/read-the-gizmo-logs", Navigation.Uri));
        Assert.Contains(Snackbar.ShownSnackbars, snackbar => snackbar.Message == "Created: Created as revision 1.");
        Assert.Contains("\"slug\":\"read-the-gizmo-logs\"", await App.CreateClient().GetStringAsync("/api/search?q=zebrafish"));
        Assert.Equal("Eddie Editor", Assert.Single(await AuditAsync(AuditActions.ArticleCreated)).Actor);
    }

    [Fact]
    public async Task An_edited_slug_stays_and_a_taken_one_is_named_as_it_is_typed()
    {
        await SignInAsync(Roles.Editor);
        var page = RenderForm();

        await TypeAsync(page, "Slug", "check-widgets");
        page.WaitForAssertion(() => Assert.Contains("An article has this slug already: “Check widgets”", page.Markup));
        await TypeAsync(page, "Title", "Something else");

        Assert.Equal("check-widgets", page.Find("#article-slug").GetAttribute("value"));
    }

    [Fact]
    public async Task Bad_input_is_named_beside_each_field_and_nothing_typed_is_lost()
    {
        await SignInAsync(Roles.Editor);
        var before = Files();
        var page = RenderForm();
        var opened = Navigation.Uri;

        await TypeAsync(page, "Title", "Upstream timeout");
        page.WaitForAssertion(() => Assert.Contains("'upstream-timeout' is a cause. Cause articles are a fixed set", page.Markup));
        await TypeAsync(page, "Tags", "load balancing");
        Typed = "My unsaved words.";
        Click(page, "Create article");

        page.WaitForAssertion(() => Assert.Contains("'load balancing' is not (try 'load-balancing')", page.Markup));
        Assert.Contains("Choose what the article is", page.Markup);
        Assert.Contains("Write one sentence", page.Markup);
        Assert.Contains("'upstream-timeout' is a cause", page.Markup);
        Assert.Equal(("Upstream timeout", "load balancing"), (page.Find("#article-title").GetAttribute("value"), page.Find("#article-tags").GetAttribute("value")));
        Assert.Contains(Snackbar.ShownSnackbars, snackbar => snackbar.Message?.Contains("Nothing you typed is lost", StringComparison.Ordinal) == true);
        Assert.Equal(opened, Navigation.Uri);
        Assert.Equal(before, Files());
    }

    [Fact]
    public async Task The_preview_renders_the_body_and_keeps_script_inert()
    {
        await SignInAsync(Roles.Editor);
        var page = RenderForm();

        Typed = "Hello **preview** <script>alert(1)</script>";
        await page.InvokeAsync(() => page.FindComponent<MarkdownBox>().Instance.ChangedAsync());

        var preview = page.Find("#article-preview").InnerHtml;
        Assert.Contains("<strong>preview</strong>", preview);
        Assert.DoesNotContain("<script>", preview);
    }

    [Fact]
    public async Task An_empty_body_is_named_beside_the_markdown_box()
    {
        await SignInAsync(Roles.Editor);
        var page = RenderForm();
        await TypeAsync(page, "Title", "Read the gizmo logs");
        await ChooseAsync(page, "Category", "resolution");
        await TypeAsync(page, "Summary", "Where gizmo logs its 502s.");
        Typed = "  ";

        Click(page, "Create article");

        page.WaitForAssertion(() => Assert.Contains("Write the article", page.Find("#article-body-problem").TextContent));
        Assert.Equal("true", page.Find("#article-body").GetAttribute("aria-invalid"));
        Assert.Null(App.Services.GetRequiredService<KB.Web.Features.Knowledge.KnowledgeBase>().Current.Find("read-the-gizmo-logs"));
    }
}
