using KB.Web.Data;
using KB.Web.Features.Audit;
using KB.Web.Features.Incidents;
using KB.Web.Features.Response;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KB.Tests.Response;

/// <summary>Roles, status updates, the start from the paste and follow-ups, on the app's own SQLite file.</summary>
public sealed class ResponseServiceTests : IDisposable
{
    private const string Log = "2024/05/14 09:12:03 [error] 2817#2817: *1043 connect() failed (111: Connection refused) while connecting to upstream, client: 10.0.0.7";

    private readonly KbApp _app = new(settings: new() { ["KB:Incidents:UpdateEveryMinutes:SEV2"] = "20", ["KB:Incidents:UpdateEveryMinutes:SEV3"] = "0" });

    public void Dispose() => _app.Dispose();

    private IncidentService Incidents => _app.Services.GetRequiredService<IncidentService>();

    private ResponseService Response => _app.Services.GetRequiredService<ResponseService>();

    private async Task<Incident> CreateAsync(string severity = "SEV2", string errorLog = Log)
    {
        var created = await Incidents.CreateAsync(new IncidentDraft { Title = "502s on checkout", Service = "checkout-api", Severity = severity, ErrorLog = errorLog }, "Alice");
        return (await Incidents.FindAsync(created.Id))!;
    }

    private async Task<Incident> ReloadAsync(Incident incident) => (await Incidents.FindAsync(incident.Id))!;

    private async Task<List<AuditEntry>> AuditAsync(string action)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<KbDb>().AuditEntries.AsNoTracking().Where(x => x.Action == action).ToListAsync();
    }

    [Fact]
    public async Task Taking_and_handing_over_a_role_lands_on_the_timeline_and_in_the_audit_log()
    {
        var incident = await CreateAsync();

        Assert.Equal(ChangeOutcome.Done, (await Response.AssignRoleAsync(incident.Id, ResponseRoles.Commander, "Alice", "Alice")).Outcome);
        Assert.Equal(ChangeOutcome.Done, (await Response.AssignRoleAsync(incident.Id, ResponseRoles.Commander, "Bob", "Alice")).Outcome);
        Assert.Equal(ChangeOutcome.Done, (await Response.AssignRoleAsync(incident.Id, ResponseRoles.Scribe, "Carol", "Carol")).Outcome);

        incident = await ReloadAsync(incident);
        Assert.Equal("Bob", incident.Roles.Single(x => x.Role == ResponseRoles.Commander).Holder);
        Assert.Equal("Carol", incident.Roles.Single(x => x.Role == ResponseRoles.Scribe).Holder);
        Assert.Equal(["Alice took commander", "Alice handed commander to Bob", "Carol took scribe"],
            incident.Timeline.Where(x => x.Kind == TimelineKinds.Role).Select(x => x.Text));
        var audit = await AuditAsync(AuditActions.IncidentRole);
        Assert.Equal(3, audit.Count);
        Assert.Contains(audit, entry => entry.Summary.Contains("handed commander to Bob") && entry.AfterJson!.Contains("Bob"));
    }

    [Fact]
    public async Task A_role_is_released_by_its_holder_or_by_someone_else_and_can_be_taken_again()
    {
        var incident = await CreateAsync();
        await Response.AssignRoleAsync(incident.Id, ResponseRoles.Commander, "Alice", "Alice");
        await Response.AssignRoleAsync(incident.Id, ResponseRoles.Scribe, "Carol", "Carol");

        Assert.Equal(ChangeOutcome.Done, (await Response.ReleaseRoleAsync(incident.Id, ResponseRoles.Commander, "Alice")).Outcome);
        Assert.Equal(ChangeOutcome.Done, (await Response.ReleaseRoleAsync(incident.Id, ResponseRoles.Scribe, "Bob")).Outcome);
        Assert.Empty((await ReloadAsync(incident)).Roles);

        Assert.Equal(ChangeOutcome.Done, (await Response.AssignRoleAsync(incident.Id, ResponseRoles.Commander, "Bob", "Bob")).Outcome);
        incident = await ReloadAsync(incident);
        Assert.Equal("Bob", incident.Roles.Single().Holder);
        Assert.Equal(["Alice took commander", "Carol took scribe", "Alice stepped down as commander", "Bob released scribe from Carol", "Bob took commander"],
            incident.Timeline.Where(x => x.Kind == TimelineKinds.Role).Select(x => x.Text));
        Assert.Equal(5, (await AuditAsync(AuditActions.IncidentRole)).Count);
    }

    [Fact]
    public async Task Releasing_a_role_nobody_holds_changes_nothing()
    {
        var incident = await CreateAsync();

        Assert.Equal(ChangeOutcome.Done, (await Response.ReleaseRoleAsync(incident.Id, ResponseRoles.Communications, "Alice")).Outcome);
        Assert.Equal(ChangeOutcome.Invalid, (await Response.ReleaseRoleAsync(incident.Id, "janitor", "Alice")).Outcome);

        Assert.DoesNotContain((await ReloadAsync(incident)).Timeline, x => x.Kind == TimelineKinds.Role);
    }

    [Fact]
    public async Task Taking_a_role_one_already_holds_changes_nothing_and_an_unknown_role_is_refused()
    {
        var incident = await CreateAsync();
        await Response.AssignRoleAsync(incident.Id, ResponseRoles.Commander, "Alice", "Alice");

        await Response.AssignRoleAsync(incident.Id, ResponseRoles.Commander, "Alice", "Alice");
        var refused = await Response.AssignRoleAsync(incident.Id, "janitor", "Alice", "Alice");

        Assert.Equal(ChangeOutcome.Invalid, refused.Outcome);
        Assert.Single((await ReloadAsync(incident)).Timeline, x => x.Kind == TimelineKinds.Role);
    }

    [Fact]
    public async Task The_rhythm_asks_for_an_update_once_its_interval_has_passed_and_an_update_resets_it()
    {
        var incident = await CreateAsync("SEV2");
        var rhythm = _app.Services.GetRequiredService<UpdateRhythm>();

        Assert.False(rhythm.StateOf(incident, incident.StartedAt.AddMinutes(19))!.Due);
        var due = rhythm.StateOf(incident, incident.StartedAt.AddMinutes(22))!;
        Assert.True(due.Due);
        Assert.Null(due.LastUpdate);

        await Response.PostUpdateAsync(incident.Id, "Rolling back the deploy; next update in 20 minutes", "Alice");
        incident = await ReloadAsync(incident);
        var update = incident.Timeline.Single(x => x.Kind == TimelineKinds.Update);
        Assert.False(rhythm.StateOf(incident, update.At.AddMinutes(5))!.Due);
        Assert.Single(await AuditAsync(AuditActions.IncidentUpdate));
    }

    [Fact]
    public async Task Severities_without_a_rhythm_ask_for_nothing()
    {
        var rhythm = _app.Services.GetRequiredService<UpdateRhythm>();

        Assert.Null(rhythm.StateOf(await CreateAsync("SEV3"), DateTime.UtcNow.AddDays(1)));
        Assert.Null(rhythm.StateOf(await CreateAsync("SEV4"), DateTime.UtcNow.AddDays(1)));
        Assert.Equal(TimeSpan.FromMinutes(15), rhythm.Every(Severity.SEV1));
    }

    [Fact]
    public async Task An_empty_update_is_refused()
    {
        var incident = await CreateAsync();

        Assert.Equal(ChangeOutcome.Invalid, (await Response.PostUpdateAsync(incident.Id, "  ", "Alice")).Outcome);
    }

    [Fact]
    public async Task Accepting_the_first_failing_line_moves_the_start()
    {
        var incident = await CreateAsync();
        var window = ImpactWindow.Read(incident.ErrorLog, 2024)!;

        Assert.Equal(ChangeOutcome.Done, (await Response.StartAtAsync(incident.Id, window.FirstFailure, "Alice")).Outcome);

        incident = await ReloadAsync(incident);
        Assert.Equal(new DateTime(2024, 5, 14, 9, 12, 3, DateTimeKind.Utc), incident.StartedAt);
        Assert.Contains(incident.Timeline, x => x.Text.Contains("first failing line", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Follow_ups_are_added_completed_and_reopened_with_their_audit_entries()
    {
        var incident = await CreateAsync();

        Assert.Equal(ChangeOutcome.Invalid, (await Response.AddFollowUpAsync(incident.Id, new FollowUpDraft { Text = " " }, "Alice")).Outcome);
        await Response.AddFollowUpAsync(incident.Id, new FollowUpDraft { Text = "Alert on upstream health", Owner = "Bob", DueOn = new DateOnly(2026, 12, 24) }, "Alice");
        var followUp = (await ReloadAsync(incident)).FollowUps.Single();
        await Response.SetFollowUpDoneAsync(incident.Id, followUp.Id, true, "Bob");

        followUp = (await ReloadAsync(incident)).FollowUps.Single();
        Assert.True(followUp.Done);
        Assert.Equal("Bob", followUp.DoneBy);
        await Response.SetFollowUpDoneAsync(incident.Id, followUp.Id, false, "Bob");
        Assert.False((await ReloadAsync(incident)).FollowUps.Single().Done);
        Assert.Single(await AuditAsync(AuditActions.FollowUpAdded));
        Assert.Single(await AuditAsync(AuditActions.FollowUpDone));
        Assert.Single(await AuditAsync(AuditActions.FollowUpReopened));
    }

    [Fact]
    public async Task The_follow_ups_page_filters_by_state_owner_and_overdue()
    {
        var incident = await CreateAsync();
        await Response.AddFollowUpAsync(incident.Id, new FollowUpDraft { Text = "Old and open", Owner = "Bob", DueOn = new DateOnly(2020, 1, 1) }, "Alice");
        await Response.AddFollowUpAsync(incident.Id, new FollowUpDraft { Text = "Later", Owner = "Carol", DueOn = new DateOnly(2099, 1, 1) }, "Alice");
        await Response.AddFollowUpAsync(incident.Id, new FollowUpDraft { Text = "Finished" }, "Alice");
        var finished = (await ReloadAsync(incident)).FollowUps.Single(x => x.Text == "Finished");
        await Response.SetFollowUpDoneAsync(incident.Id, finished.Id, true, "Alice");
        var search = _app.Services.GetRequiredService<FollowUpSearch>();

        async Task<IEnumerable<string>> TextsAsync(FollowUpFilter filter) => (await search.PageAsync(filter, 0)).Rows.Select(x => x.Text);

        Assert.Equal(["Old and open", "Later"], await TextsAsync(new FollowUpFilter()));
        Assert.Equal(["Finished"], await TextsAsync(new FollowUpFilter(FollowUpState.Done)));
        Assert.Equal(["Old and open"], await TextsAsync(new FollowUpFilter(OverdueOnly: true)));
        Assert.Equal(["Later"], await TextsAsync(new FollowUpFilter(FollowUpState.All, Owner: "carol")));
    }

    [Fact]
    public async Task The_csv_export_writes_the_filtered_follow_ups()
    {
        var incident = await CreateAsync();
        await Response.AddFollowUpAsync(incident.Id, new FollowUpDraft { Text = "=Alert, on health", Owner = "Bob" }, "Alice");
        using var client = await _app.SignInAsync();

        var csv = await client.GetStringAsync("/follow-ups.csv?state=open&owner=bob");

        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(ResponseFeature.CsvHeader, lines[0]);
        Assert.Contains("\"'=Alert, on health\",Bob", lines[1], StringComparison.Ordinal);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, (await client.GetAsync("/follow-ups.csv?state=sideways")).StatusCode);
    }

    [Fact]
    public async Task The_postmortem_carries_roles_the_logs_window_and_follow_ups()
    {
        var incident = await CreateAsync();
        await Response.AssignRoleAsync(incident.Id, ResponseRoles.Commander, "Alice", "Alice");
        await Response.AddFollowUpAsync(incident.Id, new FollowUpDraft { Text = "Alert on upstream health", Owner = "Bob" }, "Alice");
        using var client = await _app.SignInAsync();

        var markdown = await client.GetStringAsync($"/incidents/{incident.Id}/postmortem.md");

        Assert.Contains("- Commander: Alice", markdown, StringComparison.Ordinal);
        Assert.Contains("- Scribe: not taken", markdown, StringComparison.Ordinal);
        Assert.Contains("first failing line 2024-05-14 09:12 UTC", markdown, StringComparison.Ordinal);
        Assert.Contains("- [ ] Alert on upstream health (owner: Bob", markdown, StringComparison.Ordinal);
    }
}
