using KB.Tests.Accounts;
using KB.Web.Features.Evidence;
using Microsoft.Extensions.DependencyInjection;

namespace KB.Tests.ArticleEvidence;

/// <summary>"Did this help?" answers over a real SQLite file: one per person per article, the latest counts.</summary>
public sealed class FeedbackStoreTests : IDisposable
{
    private readonly KbApp _app = new();

    public void Dispose() => _app.Dispose();

    private FeedbackStore Feedback => _app.Services.GetRequiredService<FeedbackStore>();

    [Fact]
    public async Task Each_person_has_one_answer_per_article_and_can_change_it()
    {
        var ann = await _app.CreateAsync("Viewer", "Ann");
        var ben = await _app.CreateAsync("Viewer", "Ben");

        Assert.Null(await Feedback.AnswerAsync("upstream-down", ann.Id, helpful: false, comment: null));
        Assert.Null(await Feedback.AnswerAsync("upstream-down", ben.Id, helpful: true, comment: null));
        Assert.Null(await Feedback.AnswerAsync("upstream-down", ann.Id, helpful: true, comment: "  The ss check found it.  "));
        Assert.Null(await Feedback.AnswerAsync("dns-resolution", ann.Id, helpful: false, comment: null));

        var answers = await Feedback.AnswersAsync("upstream-down");
        Assert.Equal(2, answers.Count);
        Assert.Equal((true, "The ss check found it."), (answers[ann.Id].Helpful, answers[ann.Id].Comment));
        var summaries = (await Feedback.SummariesAsync()).ToDictionary(x => x.Slug);
        Assert.Equal((2, 0), (summaries["upstream-down"].Helped, summaries["upstream-down"].DidNotHelp));
        Assert.Equal((0, 1), (summaries["dns-resolution"].Helped, summaries["dns-resolution"].DidNotHelp));
        var comment = Assert.Single(summaries["upstream-down"].Comments);
        Assert.Equal(("Ann", true, "The ss check found it."), (comment.Who, comment.Helpful, comment.Text));
    }

    [Fact]
    public async Task A_comment_over_the_limit_is_refused_and_the_answer_before_it_kept()
    {
        var ann = await _app.CreateAsync("Viewer", "Ann");
        await Feedback.AnswerAsync("upstream-down", ann.Id, helpful: true, comment: "short");

        var problem = await Feedback.AnswerAsync("upstream-down", ann.Id, helpful: false, comment: new string('x', ArticleFeedback.MaxComment + 1));

        Assert.Equal($"A comment can be at most 1,000 characters; this one has 1,001.", problem);
        Assert.Equal((true, "short"), ((await Feedback.AnswersAsync("upstream-down"))[ann.Id].Helpful, (await Feedback.AnswersAsync("upstream-down"))[ann.Id].Comment));
    }
}
