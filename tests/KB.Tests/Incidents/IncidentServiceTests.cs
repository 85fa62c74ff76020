using KB.Web.Features.Incidents;
using KB.Web.Features.Knowledge;
using Microsoft.Extensions.DependencyInjection;

namespace KB.Tests.Incidents;

/// <summary>The incident lifecycle on a real SQLite file, over a content folder of the test's own.</summary>
[Trait("Category", TestDatabase.Category)]
public sealed class IncidentServiceTests : IDisposable
{
    private const string Refused = "2024/05/14 09:12:03 [error] 2817#2817: *1043 connect() failed (111: Connection refused) while connecting to upstream, client: 10.0.0.7, server: shop, request: \"GET / HTTP/1.1\", upstream: \"http://10.0.3.12:8080/\"";

    private readonly TempFolder _content = new();
    private readonly KbApp _app;

    public IncidentServiceTests()
    {
        CopyShippedContent();
        _app = new KbApp(_content.Path);
        _ = _app.Server;
    }

    public void Dispose()
    {
        _app.Dispose();
        _content.Dispose();
    }

    private IncidentService Incidents => _app.Services.GetRequiredService<IncidentService>();

    private KnowledgeBase KnowledgeBase => _app.Services.GetRequiredService<KnowledgeBase>();

    private void CopyShippedContent()
    {
        foreach (var file in Directory.EnumerateFiles(TestPaths.ShippedContent, "*.md", SearchOption.AllDirectories))
        {
            _content.Write(Path.GetRelativePath(TestPaths.ShippedContent, file), File.ReadAllText(file));
        }
    }

    private async Task<Incident> CreateAsync(string? cause = "upstream-down", string errorLog = Refused)
    {
        var created = await Incidents.CreateAsync(new IncidentDraft { Title = "502s on checkout", Service = "checkout-api", Severity = "SEV2", ErrorLog = errorLog, Cause = cause }, "Alice");
        return (await Incidents.FindAsync(created.Id))!;
    }

    [Fact]
    public async Task Logging_an_incident_keeps_the_triage_suggestions_and_writes_the_timeline()
    {
        var incident = await CreateAsync(cause: null);

        Assert.Equal(IncidentStatus.Investigating, incident.Status);
        Assert.Equal("upstream-down", IncidentService.SuggestionsOf(incident)[0].Cause);
        var entry = Assert.Single(incident.Timeline);
        Assert.Equal(("Alice", TimelineKinds.Created), (entry.Who, entry.Kind));
        Assert.Empty(incident.Checklist);
        Assert.NotNull(incident.DetectedAt);
    }

    [Fact]
    public async Task The_copied_checklist_has_the_incidents_own_addresses_in_its_commands()
    {
        var incident = await CreateAsync();

        // upstream-down's checklist marks the upstream to curl; the error log names 10.0.3.12:8080.
        Assert.Contains(incident.Checklist, item => item.Text.Contains("http://10.0.3.12:8080/healthz", StringComparison.Ordinal));
        Assert.DoesNotContain(incident.Checklist, item => item.Text.Contains("{{", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_an_address_in_the_log_the_copied_commands_keep_the_articles_examples()
    {
        var incident = await CreateAsync(errorLog: "");

        Assert.NotEmpty(incident.Checklist);
        Assert.DoesNotContain(incident.Checklist, item => item.Text.Contains("{{", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Linking_a_cause_copies_its_checklist_as_a_snapshot_with_the_article_revision()
    {
        var incident = await CreateAsync();
        var article = KnowledgeBase.Current.Find("upstream-down")!;

        Assert.Equal(article.Checklist.Count, incident.Checklist.Count);
        Assert.Equal(article.Checklist.Where(step => !step.Contains("{{")), incident.Checklist.Select(item => item.Text).Where(text => article.Checklist.Contains(text)));
        Assert.Equal(article.Revision, incident.CauseRevision);
        Assert.Equal(IncidentStatus.Identified, incident.Status);
        Assert.NotNull(incident.IdentifiedAt);

        // Editing the article later does not rewrite the incident's checklist.
        var path = _content.Combine("causes", "upstream-down.md");
        await File.WriteAllTextAsync(path, (await File.ReadAllTextAsync(path)).Replace("## Checklist\n", "## Checklist\n- [ ] A step added after the incident\n"));
        await WaitUntilAsync(() => KnowledgeBase.Current.Find("upstream-down")!.Revision != article.Revision);
        var reread = (await Incidents.FindAsync(incident.Id))!;
        Assert.Equal(incident.Checklist.Select(item => item.Text), reread.Checklist.Select(item => item.Text));
        Assert.Equal(article.Revision, reread.CauseRevision);
        Assert.Equal("A step added after the incident", KnowledgeBase.Current.Find("upstream-down")!.Checklist[0]);
    }

    [Fact]
    public async Task Ticking_records_who_and_when_and_unticking_clears_it()
    {
        var incident = await CreateAsync();
        var step = incident.Checklist[0];

        Assert.Equal(ChangeOutcome.Done, (await Incidents.SetStepDoneAsync(incident.Id, step.Id, true, step.Version, "Bob")).Outcome);
        var ticked = (await Incidents.FindAsync(incident.Id))!.Checklist[0];
        Assert.True(ticked.Done);
        Assert.Equal("Bob", ticked.DoneBy);
        Assert.NotNull(ticked.DoneAt);

        Assert.Equal(ChangeOutcome.Done, (await Incidents.SetStepDoneAsync(incident.Id, step.Id, false, ticked.Version, "Bob")).Outcome);
        var reread = (await Incidents.FindAsync(incident.Id))!;
        Assert.False(reread.Checklist[0].Done);
        Assert.Null(reread.Checklist[0].DoneBy);
        Assert.Equal(["Ticked", "Unticked"], reread.Timeline.Where(entry => entry.Kind == TimelineKinds.Step).Select(entry => entry.Text.Split(':')[0]));
    }

    [Fact]
    public async Task Two_responders_never_silently_overwrite_each_other()
    {
        var incident = await CreateAsync();
        var step = incident.Checklist[0];

        var first = await Incidents.SetStepDoneAsync(incident.Id, step.Id, true, step.Version, "Alice");
        var second = await Incidents.SetStepNoteAsync(incident.Id, step.Id, "ran it", step.Version, "Bob");
        var statusFirst = await Incidents.ChangeStatusAsync(incident.Id, IncidentStatus.Mitigated, incident.Version, "Alice");
        var statusSecond = await Incidents.ChangeStatusAsync(incident.Id, IncidentStatus.Investigating, incident.Version, "Bob");

        Assert.Equal(ChangeOutcome.Done, first.Outcome);
        Assert.Equal(ChangeOutcome.Conflict, second.Outcome);
        Assert.Equal(ChangeOutcome.Done, statusFirst.Outcome);
        Assert.Equal(ChangeOutcome.Conflict, statusSecond.Outcome);
        var reread = (await Incidents.FindAsync(incident.Id))!;
        Assert.Equal(IncidentStatus.Mitigated, reread.Status);
        Assert.Null(reread.Checklist[0].Note);
    }

    [Fact]
    public async Task Status_moves_forward_and_back_with_its_times()
    {
        var incident = await CreateAsync(cause: null);

        await Incidents.ChangeStatusAsync(incident.Id, IncidentStatus.Mitigated, incident.Version, "Alice");
        var mitigated = (await Incidents.FindAsync(incident.Id))!;
        Assert.NotNull(mitigated.IdentifiedAt);
        Assert.NotNull(mitigated.MitigatedAt);

        await Incidents.ChangeStatusAsync(incident.Id, IncidentStatus.Investigating, mitigated.Version, "Alice");
        var back = (await Incidents.FindAsync(incident.Id))!;
        Assert.Equal(IncidentStatus.Investigating, back.Status);
        Assert.Null(back.MitigatedAt);
        Assert.Null(back.IdentifiedAt);

        var refused = await Incidents.ChangeStatusAsync(incident.Id, IncidentStatus.Resolved, back.Version, "Alice");
        Assert.Equal(ChangeOutcome.Invalid, refused.Outcome);
    }

    [Fact]
    public async Task Severity_can_be_raised_and_lowered_on_the_timeline()
    {
        var incident = await CreateAsync();

        await Incidents.ChangeSeverityAsync(incident.Id, Severity.SEV1, incident.Version, "Bob");

        var reread = (await Incidents.FindAsync(incident.Id))!;
        Assert.Equal(Severity.SEV1, reread.Severity);
        Assert.Contains(reread.Timeline, entry => entry.Who == "Bob" && entry.Text == "Severity SEV2 → SEV1");
    }

    [Fact]
    public async Task Resolving_needs_a_note_and_records_the_step_that_fixed_it()
    {
        var incident = await CreateAsync();
        var step = incident.Checklist[1];

        Assert.Equal(ChangeOutcome.Invalid, (await Incidents.ResolveAsync(incident.Id, " ", step.Id, incident.Version, "Alice")).Outcome);
        Assert.Equal(ChangeOutcome.Done, (await Incidents.ResolveAsync(incident.Id, "Restarted the upstream", step.Id, incident.Version, "Alice")).Outcome);

        var resolved = (await Incidents.FindAsync(incident.Id))!;
        Assert.Equal(IncidentStatus.Resolved, resolved.Status);
        Assert.NotNull(resolved.ResolvedAt);
        Assert.Equal(step.Id, resolved.FixedByStep);
        Assert.Contains(resolved.Timeline, entry => entry.Kind == TimelineKinds.Resolution && entry.Text.Contains(step.Text));

        await Incidents.ChangeStatusAsync(incident.Id, IncidentStatus.Investigating, resolved.Version, "Bob");
        Assert.Null((await Incidents.FindAsync(incident.Id))!.ResolvedAt);
    }

    [Fact]
    public async Task Changing_the_cause_keeps_or_clears_progress_as_asked()
    {
        var incident = await CreateAsync();
        await Incidents.SetStepDoneAsync(incident.Id, incident.Checklist[0].Id, true, incident.Checklist[0].Version, "Alice");
        var ticked = (await Incidents.FindAsync(incident.Id))!;

        await Incidents.LinkCauseAsync(incident.Id, "upstream-timeout", keepProgress: false, ticked.Version, "Alice");
        var changed = (await Incidents.FindAsync(incident.Id))!;
        Assert.Equal("upstream-timeout", changed.Cause);
        Assert.Equal(KnowledgeBase.Current.Find("upstream-timeout")!.Checklist.Count, changed.Checklist.Count);
        Assert.Equal(KnowledgeBase.Current.Find("upstream-timeout")!.Checklist[0], changed.Checklist[0].Text);
        Assert.DoesNotContain(changed.Checklist, item => item.Done);

        // Back to the first cause, keeping progress: nothing matches, so nothing is ticked; a shared step would stay ticked.
        await Incidents.SetStepDoneAsync(incident.Id, changed.Checklist[0].Id, true, changed.Checklist[0].Version, "Alice");
        var again = (await Incidents.FindAsync(incident.Id))!;
        await Incidents.LinkCauseAsync(incident.Id, "upstream-timeout", keepProgress: true, again.Version, "Alice");
        Assert.True((await Incidents.FindAsync(incident.Id))!.Checklist[0].Done);
        Assert.Contains(changed.Timeline, entry => entry.Kind == TimelineKinds.Cause && entry.Text.Contains("cleared"));

        Assert.Equal(ChangeOutcome.Invalid, (await Incidents.LinkCauseAsync(incident.Id, "no-such-cause", false, again.Version, "Alice")).Outcome);
    }

    [Fact]
    public async Task Times_can_be_corrected_after_the_fact_but_not_into_nonsense()
    {
        var incident = await CreateAsync();
        var earlier = incident.StartedAt.AddHours(-2);

        var bad = await Incidents.UpdateTimesAsync(incident.Id, IncidentTimes.Of(incident) with { DetectedAt = earlier }, incident.Version, "Alice");
        var good = await Incidents.UpdateTimesAsync(incident.Id, IncidentTimes.Of(incident) with { StartedAt = earlier }, incident.Version, "Alice");

        Assert.Equal(ChangeOutcome.Invalid, bad.Outcome);
        Assert.Equal(ChangeOutcome.Done, good.Outcome);
        Assert.Equal(earlier, (await Incidents.FindAsync(incident.Id))!.StartedAt, TimeSpan.FromMilliseconds(1));
    }

    [Fact]
    public async Task Changes_are_published_to_subscribers_until_they_unsubscribe()
    {
        var incident = await CreateAsync();
        var notifier = _app.Services.GetRequiredService<IncidentNotifier>();
        var calls = 0;
        var notified = new TaskCompletionSource();

        using (notifier.Subscribe(incident.Id, () => { Interlocked.Increment(ref calls); notified.TrySetResult(); return Task.CompletedTask; }))
        {
            await Incidents.AddNoteAsync(incident.Id, "first", "Alice");
            await notified.Task.WaitAsync(TimeSpan.FromSeconds(5));
        }
        await Incidents.AddNoteAsync(incident.Id, "second", "Alice");

        Assert.Equal(1, calls);
        Assert.Equal(0, notifier.SubscriberCount(incident.Id));
    }

    [Fact]
    public async Task Similar_incidents_share_the_cause_and_say_what_fixed_them()
    {
        var past = await CreateAsync();
        await Incidents.ResolveAsync(past.Id, "Restarted it", past.Checklist[2].Id, past.Version, "Alice");
        var current = await CreateAsync(cause: null);

        var similar = await _app.Services.GetRequiredService<IncidentSearch>().SimilarAsync(current);

        var match = Assert.Single(similar);
        Assert.Equal(past.Id, match.Id);
        Assert.Equal(past.Checklist[2].Text, match.FixedBy);
        Assert.Equal("same log signature", match.Why);
    }

    [Fact]
    public async Task The_postmortem_tells_the_whole_story()
    {
        var incident = await CreateAsync();
        await Incidents.SetStepDoneAsync(incident.Id, incident.Checklist[0].Id, true, incident.Checklist[0].Version, "Bob");
        await Incidents.ResolveAsync(incident.Id, "Restarted the upstream | and waited", incident.Checklist[0].Id, incident.Version, "Alice");

        var markdown = Postmortem.Write((await Incidents.FindAsync(incident.Id))!, KnowledgeBase.Current);

        Assert.StartsWith("# Postmortem: 502s on checkout", markdown);
        foreach (var section in new[] { "## Summary", "## Impact window", "## Cause", "## What fixed it", "## Checklist", "## Timeline", "## Error log excerpt" })
        {
            Assert.Contains(section, markdown);
        }
        Assert.Contains("- [x] ", markdown);
        Assert.Contains("done by Bob", markdown);
        Assert.Contains("Restarted the upstream \\| and waited", markdown);
        Assert.Contains("Time to resolve: ", markdown);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(50);
        }
        Assert.True(condition());
    }
}
