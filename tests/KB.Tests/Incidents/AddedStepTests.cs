using System.Net.Http.Json;
using System.Text.Json;
using KB.Web.Data;
using KB.Web.Features.Audit;
using KB.Web.Features.Incidents;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KB.Tests.Incidents;

/// <summary>Steps responders add to an incident's checklist, on a real SQLite file.</summary>
[Trait("Category", TestDatabase.Category)]
public sealed class AddedStepTests : IDisposable
{
    private const string Step = "Check the upstream's connection pool: `ss -s`";

    private readonly KbApp _app = new();

    public AddedStepTests() => _ = _app.Server;

    public void Dispose() => _app.Dispose();

    private IncidentService Incidents => _app.Services.GetRequiredService<IncidentService>();

    private async Task<Incident> CreateAsync(string? cause = "upstream-down")
    {
        var created = await Incidents.CreateAsync(new IncidentDraft { Title = "502s on checkout", Service = "checkout-api", Cause = cause }, "Alice");
        return (await Incidents.FindAsync(created.Id))!;
    }

    [Fact]
    public async Task An_added_step_goes_last_marked_with_who_added_it_on_the_timeline_and_in_the_audit()
    {
        var incident = await CreateAsync();

        var result = await Incidents.AddStepAsync(incident.Id, $"  {Step}\n", "Bob");

        Assert.Equal(ChangeOutcome.Done, result.Outcome);
        var reread = (await Incidents.FindAsync(incident.Id))!;
        var added = reread.Checklist[^1];
        Assert.Equal((Step, incident.Checklist.Count, "Bob", false), (added.Text, added.Position, added.AddedBy, added.Done));
        Assert.NotNull(added.AddedAt);
        Assert.All(reread.Checklist.SkipLast(1), step => Assert.Null(step.AddedBy));
        var entry = reread.Timeline[^1];
        Assert.Equal(("Bob", TimelineKinds.Step, $"Added step: {Step}"), (entry.Who, entry.Kind, entry.Text));
        Assert.Equal($"Bob added step {added.Position + 1}: {Step}", Assert.Single(ResponderNews.Unseen(reread, reread.Timeline.SkipLast(1).Select(x => x.Id).ToHashSet(), "Alice")));

        await using var db = await _app.Services.GetRequiredService<IDbContextFactory<KbDb>>().CreateDbContextAsync();
        var audit = await db.AuditEntries.SingleAsync(x => x.Action == AuditActions.StepAdded);
        Assert.Equal(("Bob", $"#{incident.Id} Added step: {Step}"), (audit.Actor, audit.Summary));
    }

    [Fact]
    public async Task An_added_step_is_ticked_like_the_others_and_the_api_says_who_added_it()
    {
        var incident = await CreateAsync();
        await Incidents.AddStepAsync(incident.Id, Step, "Bob");
        var added = (await Incidents.FindAsync(incident.Id))!.Checklist[^1];

        Assert.Equal(ChangeOutcome.Done, (await Incidents.SetStepDoneAsync(incident.Id, added.Id, true, added.Version, "Carol")).Outcome);
        Assert.Equal(ChangeOutcome.Conflict, (await Incidents.SetStepDoneAsync(incident.Id, added.Id, false, added.Version, "Dave")).Outcome);

        var checklist = (await _app.CreateClient().GetFromJsonAsync<JsonElement>($"/api/incidents/{incident.Id}")).GetProperty("checklist");
        var last = checklist[checklist.GetArrayLength() - 1];
        Assert.Equal((Step, true, "Carol", "Bob"), (last.GetProperty("text").GetString(), last.GetProperty("done").GetBoolean(), last.GetProperty("doneBy").GetString(), last.GetProperty("addedBy").GetString()));
        Assert.NotEqual(JsonValueKind.Null, last.GetProperty("doneAt").ValueKind);
        Assert.Equal(JsonValueKind.Null, checklist[0].GetProperty("addedBy").ValueKind);
    }

    [Theory]
    [InlineData("   ", "Write the step first.")]
    [InlineData("Curl it from the proxy host: `curl -sv -o /dev/null --connect-timeout 5 http://10.1.2.3:8080/healthz`", "Step 2 already says that.")]
    public async Task A_blank_or_repeated_step_is_refused_and_nothing_changes(string text, string problem)
    {
        var incident = await CreateAsync();

        var result = await Incidents.AddStepAsync(incident.Id, text, "Bob");

        Assert.Equal((ChangeOutcome.Invalid, problem), (result.Outcome, result.Problem));
        var reread = (await Incidents.FindAsync(incident.Id))!;
        Assert.Equal(incident.Checklist.Count, reread.Checklist.Count);
        Assert.Equal(incident.Version, reread.Version);
    }

    [Fact]
    public async Task A_step_longer_than_the_limit_is_refused_with_its_length()
    {
        var incident = await CreateAsync();

        var result = await Incidents.AddStepAsync(incident.Id, new string('x', IncidentService.MaxStepText + 1), "Bob");

        Assert.Equal(ChangeOutcome.Invalid, result.Outcome);
        Assert.Contains($"at most {IncidentService.MaxStepText}", result.Problem);
    }

    [Fact]
    public async Task Responders_adding_steps_at_once_each_keep_theirs_in_their_own_place()
    {
        var incident = await CreateAsync();

        var results = await Task.WhenAll(Enumerable.Range(1, 6).Select(i => Incidents.AddStepAsync(incident.Id, $"Extra step {i}", $"Responder {i}")));

        Assert.All(results, result => Assert.Equal(ChangeOutcome.Done, result.Outcome));
        var reread = (await Incidents.FindAsync(incident.Id))!;
        Assert.Equal(incident.Checklist.Count + 6, reread.Checklist.Count);
        Assert.Equal(Enumerable.Range(0, reread.Checklist.Count), reread.Checklist.Select(step => step.Position));
    }

    [Fact]
    public async Task Adding_a_step_is_published_to_the_other_responders()
    {
        var incident = await CreateAsync();
        var notified = new TaskCompletionSource();
        using var subscription = _app.Services.GetRequiredService<IncidentNotifier>().Subscribe(incident.Id, () => { notified.TrySetResult(); return Task.CompletedTask; });

        await Incidents.AddStepAsync(incident.Id, Step, "Bob");

        await notified.Task.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Steps_added_before_a_cause_or_a_change_of_cause_stay_on_the_checklist()
    {
        var incident = await CreateAsync(cause: null);
        await Incidents.AddStepAsync(incident.Id, Step, "Bob");
        var added = (await Incidents.FindAsync(incident.Id))!;
        await Incidents.SetStepDoneAsync(incident.Id, added.Checklist[0].Id, true, added.Checklist[0].Version, "Bob");
        await Incidents.SetStepNoteAsync(incident.Id, added.Checklist[0].Id, "saw 28k", added.Checklist[0].Version + 1, "Bob");

        await Incidents.LinkCauseAsync(incident.Id, "upstream-down", keepProgress: true, (await Incidents.FindAsync(incident.Id))!.Version, "Alice");
        var linked = (await Incidents.FindAsync(incident.Id))!;
        Assert.Equal((Step, "Bob", true, "saw 28k"), (linked.Checklist[^1].Text, linked.Checklist[^1].AddedBy, linked.Checklist[^1].Done, linked.Checklist[^1].Note));
        Assert.Equal(linked.Checklist.Count - 1, linked.Checklist[^1].Position);

        await Incidents.LinkCauseAsync(incident.Id, "connection-reset", keepProgress: false, linked.Version, "Alice");
        var changed = (await Incidents.FindAsync(incident.Id))!;
        Assert.Equal((Step, "Bob", false, "saw 28k"), (changed.Checklist[^1].Text, changed.Checklist[^1].AddedBy, changed.Checklist[^1].Done, changed.Checklist[^1].Note));
        Assert.Single(changed.Checklist, step => step.AddedBy is not null);
    }
}
