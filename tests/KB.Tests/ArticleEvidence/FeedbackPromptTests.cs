using Bunit;
using KB.Tests.Components;
using KB.Web.Features.Accounts;
using KB.Web.Features.Evidence;
using KB.Web.Features.Knowledge;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace KB.Tests.ArticleEvidence;

/// <summary>"Did this help?" at the end of an article in the live page: one click answers, another changes it, a comment goes with it.</summary>
public sealed class FeedbackPromptTests : AppPageTestContext
{
    private FeedbackStore Feedback => App.Services.GetRequiredService<FeedbackStore>();

    private IRenderedComponent<ArticlePage> Open(string slug = "upstream-down")
    {
        var page = Context.Render<ArticlePage>(parameters => parameters.Add(x => x.Slug, slug));
        page.WaitForElement("#feedback-heading");
        return page;
    }

    [Fact]
    public async Task One_click_answers_a_second_changes_the_answer_and_a_comment_is_kept_with_it()
    {
        var reader = await SignInAsync(Roles.Viewer, "Rita Reader");
        var page = Open();

        Click(page, "Yes, it helped");
        page.WaitForAssertion(() => Assert.Contains("you said it helped", page.Find(".feedback-thanks").TextContent));
        Assert.True((await Feedback.AnswersAsync("upstream-down"))[reader.Id].Helpful);

        Click(page, "No, it did not");
        page.WaitForAssertion(() => Assert.Contains("you said it did not help", page.Find(".feedback-thanks").TextContent));
        await TypeAsync(page, "Comment (optional)", "The ss step shows nothing on a container");
        Click(page, "Send comment");

        page.WaitForAssertion(() => Assert.Contains("Your answer and comment are saved.", Snackbar.ShownSnackbars.Select(snackbar => snackbar.Message)));
        var answer = Assert.Single(await Feedback.AnswersAsync("upstream-down"));
        Assert.Equal((reader.Id, false, "The ss step shows nothing on a container"), (answer.Key, answer.Value.Helpful, answer.Value.Comment));
    }

    [Fact]
    public async Task A_reader_coming_back_sees_the_answer_they_gave()
    {
        var reader = await SignInAsync(Roles.Viewer, "Rita Reader");
        await Feedback.AnswerAsync("dns-resolution", reader.Id, helpful: false, comment: "Needs a step for CoreDNS");

        var page = Open("dns-resolution");

        Assert.Equal("true", page.FindAll("button").Single(button => button.TextContent.Trim() == "No, it did not").GetAttribute("aria-pressed"));
        Assert.Contains("you said it did not help", page.Find(".feedback-thanks").TextContent);
    }

    [Fact]
    public async Task A_comment_over_the_limit_is_refused_with_a_message_and_the_text_stays()
    {
        await SignInAsync(Roles.Viewer, "Rita Reader");
        var page = Open();
        Click(page, "Yes, it helped");
        page.WaitForElement(".feedback-thanks");

        var tooLong = new string('x', ArticleFeedback.MaxComment + 1);
        await page.Find(".feedback-comment textarea").ChangeAsync(new ChangeEventArgs { Value = tooLong });
        Click(page, "Send comment");

        page.WaitForAssertion(() => Assert.Contains("A comment can be at most 1,000 characters", page.Markup));
        Assert.Equal(tooLong, page.Find(".feedback-comment textarea").GetAttribute("value") ?? page.Find(".feedback-comment textarea").TextContent);
        Assert.Null(Assert.Single(await Feedback.AnswersAsync("upstream-down")).Value.Comment);
    }
}
