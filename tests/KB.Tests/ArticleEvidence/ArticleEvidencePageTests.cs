using KB.Tests.Accounts;
using KB.Web.Features.Accounts;
using KB.Web.Features.Evidence;
using KB.Web.Features.Incidents;
using Microsoft.Extensions.DependencyInjection;

namespace KB.Tests.ArticleEvidence;

/// <summary>What a signed-in person's browser is sent for an article, the stale list and the feedback page.</summary>
public sealed class ArticleEvidencePageTests : IDisposable
{
    private readonly KbApp _app = new();

    public void Dispose() => _app.Dispose();

    private IncidentService Incidents => _app.Services.GetRequiredService<IncidentService>();

    private async Task<int> ResolvedNamingAStepAsync(string cause)
    {
        var created = await Incidents.CreateAsync(new IncidentDraft { Title = "502s on checkout", Service = "checkout-api", Cause = cause }, "Alice");
        var incident = (await Incidents.FindAsync(created.Id))!;
        Assert.Equal(ChangeOutcome.Done, (await Incidents.ResolveAsync(incident.Id, "Fixed it", incident.Checklist[0].Id, incident.Version, "Alice")).Outcome);
        return incident.Id;
    }

    private async Task<string> ViewerReadsAsync(string path) => await (await _app.SignInAsAsync(Roles.Viewer)).GetStringAsync(path);

    [Fact]
    public async Task A_cause_never_verified_says_so_and_is_marked_stale()
    {
        var page = await ViewerReadsAsync("/kb/upstream-down");

        Assert.Contains("Never verified by an incident", page);
        Assert.Contains("stale-chip", page);
        Assert.Contains("No incident has been linked to this cause yet.", page);
    }

    [Fact]
    public async Task A_verified_cause_links_the_incident_that_verified_it_and_shows_its_record()
    {
        var id = await ResolvedNamingAStepAsync("upstream-down");
        var page = await ViewerReadsAsync("/kb/upstream-down");

        Assert.Contains($"Last verified by <a class=\"mud-link mud-primary-text mud-link-underline-hover\" href=\"/incidents/{id}\">incident #{id}</a>", page);
        Assert.DoesNotContain("stale-chip", page);
        Assert.Contains("<dt>Incidents linked</dt>", page);
        Assert.Contains("<dd>1</dd>", page);
        Assert.Contains("Fixed most often by", page);
    }

    [Fact]
    public async Task A_cause_shows_how_to_tell_it_apart_from_its_neighbours()
    {
        var page = await ViewerReadsAsync("/kb/dns-resolution");

        Assert.Contains("Telling it apart from", page);
        Assert.Contains("href=\"/kb/misconfiguration\"", page);
        // The check's marked value shows as its example, as the article's commands do.
        Assert.Contains("dig +short backend.internal", page);
        Assert.DoesNotContain("{{name:", page);
    }

    [Fact]
    public async Task A_diagnostic_says_incidents_verify_causes_only_and_has_no_record()
    {
        var page = await ViewerReadsAsync("/kb/check-dns");

        Assert.Contains("Incidents verify cause articles only", page);
        Assert.DoesNotContain("stale-chip", page);
        Assert.DoesNotContain("record-heading", page);
        Assert.Contains("Did this help?", page);
    }

    [Fact]
    public async Task Editors_see_the_stale_causes_and_viewers_are_turned_away()
    {
        var verified = await ResolvedNamingAStepAsync("dns-resolution");
        var editor = await _app.SignInAsAsync(Roles.Editor);
        var viewer = await _app.SignInAsAsync(Roles.Viewer);

        var page = await editor.GetStringAsync("/articles/stale");

        Assert.Contains("href=\"/kb/upstream-down\"", page);
        Assert.DoesNotContain("href=\"/kb/dns-resolution\"", page);
        Assert.DoesNotContain($"incident #{verified}", page);
        Assert.DoesNotContain("href=\"/kb/check-dns\"", page);
        Assert.Contains("href=\"/articles/stale\"", page);
        Assert.DoesNotContain("href=\"/articles/stale\"", await viewer.GetStringAsync("/kb"));
        Assert.Equal("/account/denied", (await viewer.GetAsync("/articles/stale")).Headers.Location!.AbsolutePath);
        Assert.Equal("/account/denied", (await viewer.GetAsync("/articles/feedback")).Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task Editors_read_the_answers_and_comments_per_article()
    {
        var reader = await _app.CreateAsync(Roles.Viewer, "Rita Reader");
        var feedback = _app.Services.GetRequiredService<FeedbackStore>();
        await feedback.AnswerAsync("upstream-down", reader.Id, helpful: false, comment: "The <b>curl</b> step timed out");
        var editor = await _app.SignInAsAsync(Roles.Editor);

        var page = await editor.GetStringAsync("/articles/feedback");

        Assert.Contains("0 helped, 1 did not help", page);
        Assert.Contains("Rita Reader", page);
        Assert.Contains("The &lt;b&gt;curl&lt;/b&gt; step timed out", page);
        Assert.Contains("0 yes, 1 no", await editor.GetStringAsync("/articles/stale"));
    }

    [Fact]
    public void A_stale_days_setting_below_one_stops_the_app_with_a_message()
    {
        using var app = new KbApp(settings: new() { ["KB:Articles:StaleAfterDays"] = "0" });

        var error = Assert.ThrowsAny<Exception>(() => app.Server);

        Assert.Contains("KB:Articles:StaleAfterDays must be a number of days above 0.", error.ToString());
    }
}
