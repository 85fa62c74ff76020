using KB.Web.Data;
using KB.Web.Features.Incidents;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KB.Tests.Incidents;

/// <summary>The values in an incident's commands: where each came from, and a responder's correction of one.</summary>
[Trait("Category", TestDatabase.Category)]
public sealed class CommandValueTests : IDisposable
{
    private const string AccessLine = "10.0.0.7 - - [14/May/2024:09:12:02 +0000] \"GET /health HTTP/1.1\" 200 2 \"-\" \"kube-probe/1.29\"";
    private const string Refused = "2024/05/14 09:12:03 [error] 2817#2817: *1043 connect() failed (111: Connection refused) while connecting to upstream, client: 10.0.0.7, server: shop, request: \"GET / HTTP/1.1\", upstream: \"http://10.0.3.12:8080/\"";
    private const string CurlStep = "Curl it from the proxy host";
    private const string ListenStep = "Check something listens on the right address";

    private readonly KbApp _app = new();

    public void Dispose() => _app.Dispose();

    private IncidentService Incidents => _app.Services.GetRequiredService<IncidentService>();

    private async Task<Incident> CreateAsync(string cause = "upstream-down")
    {
        var created = await Incidents.CreateAsync(new IncidentDraft { Title = "502s on checkout", Service = "checkout-api", ErrorLog = AccessLine + "\n" + Refused, Cause = cause }, "Alice");
        return (await Incidents.FindAsync(created.Id))!;
    }

    private static ChecklistItem Step(Incident incident, string text) => incident.Checklist.Single(step => step.Text.StartsWith(text, StringComparison.Ordinal));

    [Fact]
    public async Task Copied_steps_keep_their_template_and_each_value_says_which_line_of_the_log_it_came_from()
    {
        var incident = await CreateAsync();

        Assert.Equal("Curl it from the proxy host: `curl -sv -o /dev/null --connect-timeout 5 http://{{upstream:10.1.2.3:8080}}/healthz`", Step(incident, CurlStep).Template);
        Assert.Null(incident.Checklist[0].Template); // a step without placeholders has nothing to fill again
        var fields = CommandValues.Fields(incident);
        Assert.Equal(["upstream", "upstream_port"], fields.Select(field => field.Name));
        Assert.Equal(("10.0.3.12:8080", 2), (fields[0].Value, fields[0].LineNumber));
        Assert.StartsWith("from line 2: 2024/05/14 09:12:03 [error]", fields[0].Source, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_value_in_the_log_the_field_shows_the_articles_example()
    {
        var created = await Incidents.CreateAsync(new IncidentDraft { Title = "502s", Service = "web", Cause = "upstream-down" }, "Alice");

        var fields = CommandValues.Fields((await Incidents.FindAsync(created.Id))!);

        Assert.Equal([("10.1.2.3:8080", "example"), ("8080", "example")], fields.Select(field => (field.Value, field.Source)));
    }

    [Fact]
    public async Task A_correction_fills_the_unticked_steps_again_and_ticked_steps_keep_the_command_that_was_run()
    {
        var incident = await CreateAsync();
        var curl = Step(incident, CurlStep);
        await Incidents.SetStepDoneAsync(incident.Id, curl.Id, true, curl.Version, "Alice");

        Assert.Equal(ChangeOutcome.Done, (await Incidents.CorrectValueAsync(incident.Id, "upstream_port", " 9090 ", incident.Version, "Bob")).Outcome);
        incident = (await Incidents.FindAsync(incident.Id))!;
        Assert.Equal(ChangeOutcome.Done, (await Incidents.CorrectValueAsync(incident.Id, "upstream", "10.0.3.99:9090", incident.Version, "Bob")).Outcome);

        incident = (await Incidents.FindAsync(incident.Id))!;
        Assert.Equal("Check something listens on the right address: `ss -ltnp 'sport = :9090'`", Step(incident, ListenStep).Text);
        Assert.Contains("http://10.0.3.12:8080/healthz", Step(incident, CurlStep).Text, StringComparison.Ordinal);
        Assert.Equal([("10.0.3.99:9090", "corrected by Bob"), ("9090", "corrected by Bob")], CommandValues.Fields(incident).Select(field => (field.Value, field.Source)));
        var entries = incident.Timeline.Where(entry => entry.Kind == TimelineKinds.Edit).Select(entry => (entry.Who, entry.Text));
        Assert.Equal([("Bob", "Value upstream port corrected: 8080 → 9090 (1 unticked step filled again)"), ("Bob", "Value upstream corrected: 10.0.3.12:8080 → 10.0.3.99:9090 (0 unticked steps filled again)")], entries);
    }

    [Theory]
    [InlineData("", "Give a value; the commands keep the last one.")]
    [InlineData("10.0.3.99`; rm -rf /", "A value cannot hold a backtick or a line break.")]
    public async Task A_value_that_cannot_go_into_a_command_is_refused_and_changes_nothing(string value, string problem)
    {
        var incident = await CreateAsync();

        var result = await Incidents.CorrectValueAsync(incident.Id, "upstream", value, incident.Version, "Bob");

        Assert.Equal(ChangeOutcome.Invalid, result.Outcome);
        Assert.Equal(problem, result.Problem);
        var saved = (await Incidents.FindAsync(incident.Id))!;
        Assert.Equal(incident.Checklist.Select(step => step.Text), saved.Checklist.Select(step => step.Text));
        Assert.Equal(incident.Version, saved.Version);
    }

    [Fact]
    public async Task A_value_the_commands_do_not_use_cannot_be_corrected()
    {
        var incident = await CreateAsync();

        var result = await Incidents.CorrectValueAsync(incident.Id, "socket", "/run/app.sock", incident.Version, "Bob");

        Assert.Equal(ChangeOutcome.Invalid, result.Outcome);
        Assert.Contains("do not use a value named \"socket\"", result.Problem!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_correction_on_a_stale_page_is_refused_as_a_conflict()
    {
        var incident = await CreateAsync();
        await Incidents.CorrectValueAsync(incident.Id, "upstream_port", "9090", incident.Version, "Bob");

        var result = await Incidents.CorrectValueAsync(incident.Id, "upstream_port", "9191", incident.Version, "Carol");

        Assert.Equal(ChangeOutcome.Conflict, result.Outcome);
    }

    [Fact]
    public async Task A_correction_is_announced_to_the_pages_that_show_the_incident()
    {
        var incident = await CreateAsync();
        var told = new TaskCompletionSource();
        using var subscription = _app.Services.GetRequiredService<IncidentNotifier>().Subscribe(incident.Id, () =>
        {
            told.TrySetResult();
            return Task.CompletedTask;
        });

        await Incidents.CorrectValueAsync(incident.Id, "upstream_port", "9090", incident.Version, "Bob");

        await told.Task.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_corrected_value_stays_when_the_cause_changes()
    {
        var incident = await CreateAsync();
        await Incidents.CorrectValueAsync(incident.Id, "upstream_port", "9090", incident.Version, "Bob");
        incident = (await Incidents.FindAsync(incident.Id))!;

        await Incidents.LinkCauseAsync(incident.Id, "firewall-blocked", keepProgress: false, incident.Version, "Bob");

        incident = (await Incidents.FindAsync(incident.Id))!;
        Assert.Contains(incident.Checklist, step => step.Text.Contains("nc -vz -w 5 10.0.3.12 9090", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_incident_copied_before_steps_kept_templates_shows_no_values_and_takes_no_correction()
    {
        var incident = await CreateAsync();
        await using (var db = await _app.Services.GetRequiredService<IDbContextFactory<KbDb>>().CreateDbContextAsync())
        {
            await db.ChecklistItems.Where(step => step.IncidentId == incident.Id).ExecuteUpdateAsync(set => set.SetProperty(step => step.Template, (string?)null));
            await db.Incidents.Where(x => x.Id == incident.Id).ExecuteUpdateAsync(set => set.SetProperty(x => x.CommandValues, "[]"));
        }
        incident = (await Incidents.FindAsync(incident.Id))!;

        Assert.Empty(CommandValues.Fields(incident));
        Assert.Equal(ChangeOutcome.Invalid, (await Incidents.CorrectValueAsync(incident.Id, "upstream", "10.0.3.99:8080", incident.Version, "Bob")).Outcome);
    }
}
