using Bunit;
using KB.Tests.Components;
using KB.Tests.Editing;
using KB.Web.Features.Accounts;
using KB.Web.Features.Editing;
using KB.Web.Features.Knowledge;
using KB.Web.Features.Reviews;
using Microsoft.Extensions.DependencyInjection;

namespace KB.Tests.Reviews;

/// <summary>A new article through review in the live pages: proposed from the form, approved by another editor on the Reviews page.</summary>
public sealed class NewArticleReviewPageTests : AppPageTestContext
{
    private const string Existing = "check-widgets";

    private readonly TempFolder _content;

    public NewArticleReviewPageTests() : this(new TempFolder())
    {
    }

    private NewArticleReviewPageTests(TempFolder content) : base(WithArticle(content), new() { [ArticleEditor.RequireReviewKey] = "true" }) => _content = content;

    private static string WithArticle(TempFolder content)
    {
        content.Write($"diagnostics/{Existing}.md", Articles.Markdown(Existing, title: "Check widgets"));
        return content.Path;
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _content.Dispose();
    }

    private KnowledgeBase KnowledgeBase => App.Services.GetRequiredService<KnowledgeBase>();

    [Fact]
    public async Task Proposed_from_the_form_it_waits_beside_an_edit_until_another_editor_approves_it()
    {
        var editor = App.Services.GetRequiredService<ArticleEditor>();
        var draft = await editor.LoadAsync(Existing);
        await editor.SaveAsync(Existing, Articles.Markdown(Existing, title: "Check widgets", body: "Changed."), draft!.Stamp, "Cid", null);
        await SignInAsync(Roles.Editor, "Ann Author");
        var form = Context.Render<NewArticlePage>();
        form.WaitForElement("#article-body");
        Assert.Contains("Review is required", form.Markup);

        await TypeAsync(form, "Title", "Read the gizmo logs");
        await ChooseAsync(form, "Category", "diagnostic");
        await TypeAsync(form, "Summary", "Where gizmo logs its 502s.");
        Typed = "Run `gizmoctl logs` and look for zebrafish lines.";
        Click(form, "Propose article");

        form.WaitForAssertion(() => Assert.EndsWith("/reviews", Navigation.Uri));
        Assert.Null(KnowledgeBase.Current.Find("read-the-gizmo-logs"));

        await SignInAsync(Roles.Editor, "Bea Reviewer");
        var (_, reviews) = RenderWithDialogs<ReviewsPage>();
        reviews.WaitForAssertion(() => Assert.Equal(2, reviews.FindAll(".proposal").Count));
        var proposed = reviews.FindAll(".proposal").Single(region => region.GetAttribute("aria-label")!.EndsWith(": Read the gizmo logs", StringComparison.Ordinal));
        Assert.Contains("New article", proposed.TextContent);
        Assert.Contains("/kb/read-the-gizmo-logs, in diagnostics/read-the-gizmo-logs.md", proposed.TextContent);
        Assert.Contains(proposed.QuerySelectorAll(".diff ins"), added => added.TextContent == "Run `gizmoctl logs` and look for zebrafish lines.");
        await proposed.QuerySelectorAll("button").Single(button => button.TextContent.Trim() == "Approve and publish").ClickAsync(new Microsoft.AspNetCore.Components.Web.MouseEventArgs());

        reviews.WaitForAssertion(() => Assert.Single(reviews.FindAll(".proposal")));
        Assert.Equal("Read the gizmo logs", KnowledgeBase.Current.Find("read-the-gizmo-logs")!.Title);
        Assert.Contains(Snackbar.ShownSnackbars, snackbar => snackbar.Message?.StartsWith("Published: “Read the gizmo logs” by Ann Author", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task Its_author_sees_it_sent_back_and_revising_it_fills_the_form_again()
    {
        var creator = App.Services.GetRequiredService<ArticleCreator>();
        Assert.Equal(SaveOutcome.Proposed, (await creator.CreateAsync(NewArticles.Draft(), "Ann Author")).Outcome);
        var id = Assert.Single(await App.Services.GetRequiredService<ArticleReviews>().PendingAsync()).Id;
        Assert.Null(await App.Services.GetRequiredService<ArticleReviews>().SendBackAsync(id, "Bea Reviewer", "Name the log path."));
        await SignInAsync(Roles.Editor, "Ann Author");

        var (_, reviews) = RenderWithDialogs<ReviewsPage>();
        reviews.WaitForAssertion(() => Assert.Contains("Your new article", reviews.Markup));
        Assert.Contains($"href=\"/kb/new?proposal={id}\"", reviews.Markup);

        Navigation.NavigateTo($"/kb/new?proposal={id}");
        var form = Context.Render<NewArticlePage>();
        form.WaitForAssertion(() => Assert.Equal(NewArticles.Title, form.Find("#article-title").GetAttribute("value")));
        Assert.Contains("sent back by Bea Reviewer: “Name the log path.”", form.Find("[aria-label='Your proposed articles']").TextContent);
        Assert.Equal(NewArticles.Slug, form.Find("#article-slug").GetAttribute("value"));
        Assert.Contains("gizmoctl logs --502", form.Find("#article-body").TextContent);
    }
}
