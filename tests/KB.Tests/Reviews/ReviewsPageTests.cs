using Bunit;
using KB.Tests.Components;
using KB.Web.Features.Accounts;
using KB.Web.Features.Editing;
using KB.Web.Features.Reviews;
using Microsoft.Extensions.DependencyInjection;

namespace KB.Tests.Reviews;

/// <summary>The Reviews page in the live page: another editor approves or sends back; nobody reviews their own change.</summary>
public sealed class ReviewsPageTests : AppPageTestContext
{
    private const string Slug = "widget-timeouts";

    private readonly TempFolder _content;

    public ReviewsPageTests() : this(new TempFolder())
    {
    }

    private ReviewsPageTests(TempFolder content) : base(WithArticle(content), new() { [ArticleEditor.RequireReviewKey] = "true" }) => _content = content;

    private string ArticlePath => _content.Combine("diagnostics", $"{Slug}.md");

    private static string WithArticle(TempFolder content)
    {
        content.Write($"diagnostics/{Slug}.md", Articles.Markdown(Slug, title: "Widget timeouts", body: "Check the widget pool."));
        return content.Path;
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _content.Dispose();
    }

    private ArticleEditor Editor => App.Services.GetRequiredService<ArticleEditor>();

    private async Task ProposeAsync(string author)
    {
        var draft = await Editor.LoadAsync(Slug);
        var result = await Editor.SaveAsync(Slug, Articles.Markdown(Slug, title: "Widget timeouts", body: "Check the gadget pool."), draft!.Stamp, author, "Gadgets, not widgets");
        Assert.Equal(SaveOutcome.Proposed, result.Outcome);
    }

    private static AngleSharp.Dom.IElement Button<T>(IRenderedComponent<T> page, string name) where T : Microsoft.AspNetCore.Components.IComponent =>
        page.FindAll("button").Single(button => button.TextContent.Trim() == name);

    [Fact]
    public async Task Another_editor_sees_the_diff_and_approving_publishes_it()
    {
        await ProposeAsync("Ann Author");
        await SignInAsync(Roles.Editor, "Bea Reviewer");
        var (_, page) = RenderWithDialogs<ReviewsPage>();

        page.WaitForAssertion(() => Assert.Contains("<ins>Check the gadget pool.</ins>", page.Markup));
        Assert.Contains("Proposed by Ann Author", page.Markup);
        Click(page, "Approve and publish");

        page.WaitForAssertion(() => Assert.Contains("Nothing is waiting for review.", page.Markup));
        Assert.Contains("Check the gadget pool.", await File.ReadAllTextAsync(ArticlePath));
        Assert.Equal("Bea Reviewer", (await Editor.HistoryAsync(Slug))[0].Revision.ApprovedBy);
    }

    [Fact]
    public async Task The_author_cannot_review_their_own_change_and_is_told_why()
    {
        var author = await SignInAsync(Roles.Editor, "Ann Author");
        await ProposeAsync(author.DisplayName);
        var (_, page) = RenderWithDialogs<ReviewsPage>();

        page.WaitForAssertion(() => Assert.Contains("You proposed this change: another editor reviews it.", page.Markup));
        Assert.True(Button(page, "Approve and publish").HasAttribute("disabled"));
        Assert.True(Button(page, "Send back").HasAttribute("disabled"));
    }

    [Fact]
    public async Task Sending_back_asks_for_a_comment_keeps_the_article_and_the_author_reads_it()
    {
        await ProposeAsync("Ann Author");
        await SignInAsync(Roles.Editor, "Bea Reviewer");
        var (dialogs, page) = RenderWithDialogs<ReviewsPage>();
        page.WaitForAssertion(() => Assert.Contains("Proposed by Ann Author", page.Markup));

        Click(page, "Send back");
        dialogs.WaitForAssertion(() => Assert.Contains("What needs to change", dialogs.Markup));
        var box = dialogs.Find($"#{dialogs.FindAll("label").Single(label => label.TextContent.Trim() == "What needs to change").GetAttribute("for")}");
        await box.InputAsync(new Microsoft.AspNetCore.Components.ChangeEventArgs { Value = "Name the gadget pool's size too." });
        Click(dialogs, "Send back");

        page.WaitForAssertion(() => Assert.Contains("Nothing is waiting for review.", page.Markup));
        Assert.Contains("Check the widget pool.", await File.ReadAllTextAsync(ArticlePath));
        var sentBack = Assert.Single(await App.Services.GetRequiredService<ArticleReviews>().SentBackToAsync("Ann Author"));
        Assert.Equal("Name the gadget pool's size too.", sentBack.ReviewComment);
    }
}
