using KB.Web.Data;
using KB.Web.Features.Audit;
using KB.Web.Features.Editing;
using KB.Web.Features.Incidents;
using KB.Web.Features.Knowledge;
using KB.Web.Features.Reviews;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KB.Tests.Incidents;

/// <summary>
/// Sending an incident's added steps and notes to its cause article, on a content folder and SQLite file of the test's own:
/// a proposal with review on, a revision saved by an Editor with it off.
/// </summary>
[Trait("Category", TestDatabase.Category)]
public sealed class StepProposalTests : IDisposable
{
    private const string Step = "Check the upstream's connection pool: `ss -s`";

    private readonly TempFolder _content = new();
    private readonly string _path;
    private readonly string _original;
    private KbApp? _app;

    public StepProposalTests()
    {
        _original = File.ReadAllText(Path.Combine(TestPaths.ShippedContent, "causes", "upstream-down.md"));
        _path = _content.Write("causes/upstream-down.md", _original);
    }

    public void Dispose()
    {
        _app?.Dispose();
        _content.Dispose();
    }

    private T Service<T>() where T : notnull => _app!.Services.GetRequiredService<T>();

    /// <summary>An incident linked to upstream-down, with a step Bob added and a note on its second step.</summary>
    private async Task<Incident> IncidentAsync(bool requireReview)
    {
        _app = new KbApp(_content.Path, new() { [ArticleEditor.RequireReviewKey] = requireReview ? "true" : "false" });
        _ = _app.Server;
        var incidents = Service<IncidentService>();
        var created = await incidents.CreateAsync(new IncidentDraft { Title = "502s on checkout", Service = "checkout-api", Cause = "upstream-down" }, "Alice");
        await incidents.AddStepAsync(created.Id, Step, "Bob");
        var incident = (await incidents.FindAsync(created.Id))!;
        await incidents.SetStepNoteAsync(incident.Id, incident.Checklist[1].Id, "answered 503 from the pod", incident.Checklist[1].Version, "Bob");
        return (await incidents.FindAsync(created.Id))!;
    }

    private async Task<List<AuditEntry>> AuditAsync()
    {
        await using var db = await Service<IDbContextFactory<KbDb>>().CreateDbContextAsync();
        return await db.AuditEntries.OrderBy(x => x.Id).ToListAsync();
    }

    [Fact]
    public async Task The_draft_is_the_articles_checklist_section_with_the_added_step_and_the_note_merged_in()
    {
        var incident = await IncidentAsync(requireReview: true);

        var draft = (await Service<StepProposals>().DraftAsync(incident))!;

        Assert.StartsWith("## Checklist\n", draft.Section.Text);
        Assert.True(draft.HasChanges);
        Assert.Contains("{{upstream:10.1.2.3:8080}}/healthz`\n  - Note from incident #", draft.Merged);
        Assert.EndsWith($"- [ ] {Step}\n", draft.Merged);
        Assert.Equal(("upstream-down", incident.Id), (draft.Slug, draft.IncidentId));
    }

    [Fact]
    public async Task With_review_on_a_responder_proposes_it_and_the_article_stays_as_it_was()
    {
        var incident = await IncidentAsync(requireReview: true);
        var proposals = Service<StepProposals>();
        var draft = (await proposals.DraftAsync(incident))!;

        Assert.Equal(new ProposalRights(true, true, null), proposals.RightsOf(isResponder: true, isEditor: false));
        var result = await proposals.SendAsync(incident, draft, draft.Merged, "Bob", isResponder: true, isEditor: false);

        Assert.True(result.Sent, result.Message);
        Assert.Equal(_original, await File.ReadAllTextAsync(_path));
        var proposal = Assert.Single(await Service<ArticleReviews>().PendingAsync());
        Assert.Equal(("upstream-down", "Bob", $"Steps and notes from incident #{incident.Id}: 502s on checkout"), (proposal.Slug, proposal.ProposedBy, proposal.Comment));
        Assert.Equal(draft.Section.With(draft.Merged), proposal.Text);
        var review = (await Service<ArticleReviews>().FindAsync(proposal.Id))!;
        Assert.Contains(review.Diff.Rows, row => row.Kind == DiffRowKind.Added && row.Text == $"- [ ] {Step}");
        var audit = await AuditAsync();
        Assert.Contains(audit, entry => entry.Action == AuditActions.ArticleProposed && entry.Actor == "Bob" && entry.Summary.Contains($"incident #{incident.Id}"));
        Assert.Contains(audit, entry => entry.Action == AuditActions.IncidentArticleChange && entry.SubjectId == incident.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var reread = (await Service<IncidentService>().FindAsync(incident.Id))!;
        Assert.Equal("Proposed the added steps and notes for the article upstream-down (waiting for review)", reread.Timeline[^1].Text);
    }

    [Fact]
    public async Task With_review_off_an_editor_saves_it_as_a_revision_that_names_the_incident()
    {
        var incident = await IncidentAsync(requireReview: false);
        var proposals = Service<StepProposals>();
        var draft = (await proposals.DraftAsync(incident))!;
        var edited = draft.Merged.Replace("answered 503 from the pod", "the pod answered 503");

        var result = await proposals.SendAsync(incident, draft, edited, "Eve", isResponder: true, isEditor: true);

        Assert.True(result.Sent, result.Message);
        var text = await File.ReadAllTextAsync(_path);
        Assert.Contains($"  - Note from incident #{incident.Id}: the pod answered 503\n", text);
        var article = Service<KnowledgeBase>().Current.Find("upstream-down")!;
        Assert.Equal(Step, article.Checklist[^1]);
        var revision = (await Service<ArticleEditor>().HistoryAsync("upstream-down"))[0].Revision;
        Assert.Equal(("Eve", $"Steps and notes from incident #{incident.Id}: 502s on checkout"), (revision.SavedBy, revision.Comment));
        Assert.Contains(await AuditAsync(), entry => entry.Action == AuditActions.ArticleSaved && entry.Actor == "Eve" && entry.Summary.Contains($"incident #{incident.Id}"));
        Assert.Empty(await Service<ArticleReviews>().PendingAsync());
    }

    [Fact]
    public async Task With_review_off_a_responder_who_is_no_editor_is_told_why_and_nothing_is_written()
    {
        var incident = await IncidentAsync(requireReview: false);
        var proposals = Service<StepProposals>();
        var draft = (await proposals.DraftAsync(incident))!;

        var rights = proposals.RightsOf(isResponder: true, isEditor: false);
        var result = await proposals.SendAsync(incident, draft, draft.Merged, "Bob", isResponder: true, isEditor: false);

        Assert.False(rights.CanSend);
        Assert.Contains("only an Editor", rights.Reason);
        Assert.Equal(new StepProposalResult(false, rights.Reason!), result);
        Assert.Equal(_original, await File.ReadAllTextAsync(_path));
        Assert.Empty(await Service<ArticleEditor>().HistoryAsync("upstream-down"));
        Assert.DoesNotContain(await AuditAsync(), entry => entry.Action is AuditActions.ArticleSaved or AuditActions.ArticleProposed or AuditActions.IncidentArticleChange);
    }

    [Fact]
    public async Task An_article_changed_since_the_draft_is_not_overwritten()
    {
        var incident = await IncidentAsync(requireReview: true);
        var proposals = Service<StepProposals>();
        var draft = (await proposals.DraftAsync(incident))!;
        await File.WriteAllTextAsync(_path, _original + "\nChanged meanwhile.\n");

        var result = await proposals.SendAsync(incident, draft, draft.Merged, "Bob", isResponder: true, isEditor: false);

        Assert.False(result.Sent);
        Assert.Contains("changed since you opened it", result.Message);
        Assert.Empty(await Service<ArticleReviews>().PendingAsync());
    }
}
