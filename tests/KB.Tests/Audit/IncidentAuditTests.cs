using System.Text.Json;
using KB.Web.Data;
using KB.Web.Features.Audit;
using KB.Web.Features.Incidents;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KB.Tests.Audit;

/// <summary>Every incident change writes exactly one audit entry, in the same save; a refused change writes none.</summary>
public sealed class IncidentAuditTests : IDisposable
{
    private const string Refused = "2024/05/14 09:12:03 [error] 2817#2817: *1043 connect() failed (111: Connection refused) while connecting to upstream, client: 10.0.0.7, server: shop, request: \"GET / HTTP/1.1\", upstream: \"http://10.0.3.12:8080/\"";

    private readonly KbApp _app = new(settings: KbApp.WithoutAdmin); // an audit trail that starts empty

    public IncidentAuditTests() => _ = _app.Server;

    public void Dispose() => _app.Dispose();

    private IncidentService Incidents => _app.Services.GetRequiredService<IncidentService>();

    private async Task<Incident> CreateAsync(string? cause = "upstream-down")
    {
        var created = await Incidents.CreateAsync(new IncidentDraft { Title = "502s on checkout", Service = "checkout-api", Severity = "SEV2", ErrorLog = Refused, Cause = cause }, "Alice");
        return (await Incidents.FindAsync(created.Id))!;
    }

    private async Task<List<AuditEntry>> EntriesAsync()
    {
        await using var db = await _app.Services.GetRequiredService<IDbContextFactory<KbDb>>().CreateDbContextAsync();
        return await db.AuditEntries.OrderBy(x => x.Id).ToListAsync();
    }

    /// <summary>Runs a change that must succeed and returns the one entry it wrote.</summary>
    private async Task<AuditEntry> OnlyEntryOfAsync(Func<Task<ChangeResult>> change)
    {
        var before = (await EntriesAsync()).Count;
        Assert.Equal(ChangeOutcome.Done, (await change()).Outcome);
        var entries = await EntriesAsync();
        Assert.Equal(before + 1, entries.Count);
        return entries[^1];
    }

    private static Dictionary<string, JsonElement> Fields(string? json) =>
        json is null ? [] : JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json)!;

    private static void AssertIncidentEntry(AuditEntry entry, Incident incident, string action, string actor)
    {
        Assert.Equal((action, actor, AuditSubjects.Incident, incident.Id.ToString()), (entry.Action, entry.Actor, entry.SubjectType, entry.SubjectId));
        Assert.StartsWith($"#{incident.Id} ", entry.Summary);
    }

    [Fact]
    public async Task Logging_an_incident_writes_one_created_entry_with_the_incident_as_after()
    {
        var incident = await CreateAsync();

        var entry = Assert.Single(await EntriesAsync());
        AssertIncidentEntry(entry, incident, AuditActions.IncidentCreated, "Alice");
        Assert.Null(entry.BeforeJson);
        var after = Fields(entry.AfterJson);
        Assert.Equal("502s on checkout", after["title"].GetString());
        Assert.Equal("identified", after["status"].GetString());
        Assert.Equal("upstream-down", after["cause"].GetString());
        Assert.Contains("Logged as SEV2 on checkout-api", entry.Summary);
    }

    [Fact]
    public async Task A_status_change_records_the_status_and_the_times_it_stamped()
    {
        var incident = await CreateAsync();

        var entry = await OnlyEntryOfAsync(() => Incidents.ChangeStatusAsync(incident.Id, IncidentStatus.Mitigated, incident.Version, "Bob"));

        AssertIncidentEntry(entry, incident, AuditActions.IncidentStatus, "Bob");
        Assert.Equal(["status", "mitigatedAt"], Fields(entry.BeforeJson).Keys);
        Assert.Equal("identified", Fields(entry.BeforeJson)["status"].GetString());
        Assert.Equal("mitigated", Fields(entry.AfterJson)["status"].GetString());
        Assert.Equal(JsonValueKind.String, Fields(entry.AfterJson)["mitigatedAt"].ValueKind);
        Assert.Contains("Status identified → mitigated", entry.Summary);
    }

    [Fact]
    public async Task A_severity_change_records_just_the_severity()
    {
        var incident = await CreateAsync();

        var entry = await OnlyEntryOfAsync(() => Incidents.ChangeSeverityAsync(incident.Id, Severity.SEV1, incident.Version, "Bob"));

        AssertIncidentEntry(entry, incident, AuditActions.IncidentSeverity, "Bob");
        Assert.Equal("""{"severity":"SEV2"}""", entry.BeforeJson);
        Assert.Equal("""{"severity":"SEV1"}""", entry.AfterJson);
    }

    [Fact]
    public async Task Resolving_records_the_note_and_the_step_that_fixed_it()
    {
        var incident = await CreateAsync();
        var step = incident.Checklist[1];

        var entry = await OnlyEntryOfAsync(() => Incidents.ResolveAsync(incident.Id, "Restarted the upstream", step.Id, incident.Version, "Carol"));

        AssertIncidentEntry(entry, incident, AuditActions.IncidentResolved, "Carol");
        var after = Fields(entry.AfterJson);
        Assert.Equal("resolved", after["status"].GetString());
        Assert.Equal("Restarted the upstream", after["resolutionNote"].GetString());
        Assert.Equal(step.Id, after["fixedByStep"].GetInt32());
        Assert.Equal(JsonValueKind.Null, Fields(entry.BeforeJson)["resolutionNote"].ValueKind);
    }

    [Fact]
    public async Task Changing_the_cause_records_the_cause_and_the_checklist_it_replaced()
    {
        var incident = await CreateAsync();

        var entry = await OnlyEntryOfAsync(() => Incidents.LinkCauseAsync(incident.Id, "upstream-timeout", keepProgress: false, incident.Version, "Bob"));

        AssertIncidentEntry(entry, incident, AuditActions.IncidentCause, "Bob");
        Assert.Equal("upstream-down", Fields(entry.BeforeJson)["cause"].GetString());
        Assert.Equal("upstream-timeout", Fields(entry.AfterJson)["cause"].GetString());
        Assert.Equal(incident.Checklist[0].Text, Fields(entry.BeforeJson)["checklist"][0].GetString());
    }

    [Fact]
    public async Task A_note_records_its_text()
    {
        var incident = await CreateAsync();

        var entry = await OnlyEntryOfAsync(() => Incidents.AddNoteAsync(incident.Id, "  upstream pods restarting  ", "Dan"));

        AssertIncidentEntry(entry, incident, AuditActions.IncidentNote, "Dan");
        Assert.Equal("""{"note":null}""", entry.BeforeJson);
        Assert.Equal("""{"note":"upstream pods restarting"}""", entry.AfterJson);
    }

    [Fact]
    public async Task Editing_the_times_records_the_times_that_moved()
    {
        var incident = await CreateAsync();
        var earlier = incident.StartedAt.AddHours(-2);

        var entry = await OnlyEntryOfAsync(() => Incidents.UpdateTimesAsync(incident.Id, IncidentTimes.Of(incident) with { StartedAt = earlier }, incident.Version, "Erin"));

        AssertIncidentEntry(entry, incident, AuditActions.IncidentTimes, "Erin");
        Assert.Equal(["startedAt"], Fields(entry.BeforeJson).Keys);
        Assert.Equal(earlier, Fields(entry.AfterJson)["startedAt"].GetDateTime().ToUniversalTime(), TimeSpan.FromMilliseconds(1));
    }

    [Fact]
    public async Task Ticking_and_unticking_a_step_record_who_ticked_it()
    {
        var incident = await CreateAsync();
        var step = incident.Checklist[0];

        var ticked = await OnlyEntryOfAsync(() => Incidents.SetStepDoneAsync(incident.Id, step.Id, true, step.Version, "Bob"));
        var unticked = await OnlyEntryOfAsync(() => Incidents.SetStepDoneAsync(incident.Id, step.Id, false, step.Version + 1, "Carol"));

        AssertIncidentEntry(ticked, incident, AuditActions.StepDone, "Bob");
        Assert.False(Fields(ticked.BeforeJson)["done"].GetBoolean());
        Assert.True(Fields(ticked.AfterJson)["done"].GetBoolean());
        Assert.Equal("Bob", Fields(ticked.AfterJson)["doneBy"].GetString());
        Assert.Contains(step.Text, ticked.Summary);
        AssertIncidentEntry(unticked, incident, AuditActions.StepUndone, "Carol");
        Assert.Equal("Bob", Fields(unticked.BeforeJson)["doneBy"].GetString());
        Assert.False(Fields(unticked.AfterJson)["done"].GetBoolean());
    }

    [Fact]
    public async Task A_step_note_records_the_note()
    {
        var incident = await CreateAsync();
        var step = incident.Checklist[0];

        var entry = await OnlyEntryOfAsync(() => Incidents.SetStepNoteAsync(incident.Id, step.Id, "ran it on proxy-2", step.Version, "Bob"));

        AssertIncidentEntry(entry, incident, AuditActions.StepNote, "Bob");
        Assert.Equal("""{"note":null}""", entry.BeforeJson);
        Assert.Equal("""{"note":"ran it on proxy-2"}""", entry.AfterJson);
    }

    [Fact]
    public async Task Refused_changes_and_changes_of_nothing_write_no_entry()
    {
        var incident = await CreateAsync();
        var step = incident.Checklist[0];
        var stale = incident.Version - 1;

        var outcomes = new[]
        {
            await Incidents.ChangeStatusAsync(incident.Id, IncidentStatus.Mitigated, stale, "Bob"),
            await Incidents.ChangeStatusAsync(incident.Id, IncidentStatus.Resolved, incident.Version, "Bob"),
            await Incidents.ChangeSeverityAsync(incident.Id, Severity.SEV1, stale, "Bob"),
            await Incidents.ResolveAsync(incident.Id, " ", null, incident.Version, "Bob"),
            await Incidents.ResolveAsync(incident.Id, new string('x', IncidentService.MaxResolutionNote + 1), null, incident.Version, "Bob"),
            await Incidents.LinkCauseAsync(incident.Id, "no-such-cause", false, incident.Version, "Bob"),
            await Incidents.AddNoteAsync(incident.Id, "", "Bob"),
            await Incidents.AddNoteAsync(incident.Id + 100, "lost", "Bob"),
            await Incidents.UpdateTimesAsync(incident.Id, IncidentTimes.Of(incident) with { DetectedAt = incident.StartedAt.AddHours(-1) }, incident.Version, "Bob"),
            await Incidents.SetStepDoneAsync(incident.Id, step.Id, true, step.Version + 1, "Bob"),
            await Incidents.SetStepNoteAsync(incident.Id, step.Id, new string('x', IncidentService.MaxStepNote + 1), step.Version, "Bob"),
        };
        var nothing = new[]
        {
            await Incidents.ChangeSeverityAsync(incident.Id, Severity.SEV2, incident.Version, "Bob"),
            await Incidents.SetStepDoneAsync(incident.Id, step.Id, false, step.Version, "Bob"),
        };

        Assert.All(outcomes, result => Assert.NotEqual(ChangeOutcome.Done, result.Outcome));
        Assert.All(nothing, result => Assert.Equal(ChangeOutcome.Done, result.Outcome));
        Assert.Equal(AuditActions.IncidentCreated, Assert.Single(await EntriesAsync()).Action);
    }
}
