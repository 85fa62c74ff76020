using KB.Web.Features.Incidents;
using KB.Web.Features.Knowledge;
using Microsoft.Extensions.DependencyInjection;

namespace KB.Tests.Incidents;

/// <summary>Every length limit accepts exactly its maximum, refuses one more, and says "at most N characters".</summary>
public sealed class LimitTests : IDisposable
{
    private readonly KbApp _app = new();

    public LimitTests() => _ = _app.Server;

    public void Dispose() => _app.Dispose();

    private IncidentService Incidents => _app.Services.GetRequiredService<IncidentService>();

    private async Task<Incident> CreateAsync()
    {
        var created = await Incidents.CreateAsync(new IncidentDraft { Title = "502s on checkout", Service = "checkout-api", Cause = "upstream-down" }, "Alice");
        return (await Incidents.FindAsync(created.Id))!;
    }

    [Fact]
    public async Task A_resolution_note_of_the_maximum_length_is_accepted_and_one_more_is_refused()
    {
        var incident = await CreateAsync();

        var refused = await Incidents.ResolveAsync(incident.Id, new string('x', IncidentService.MaxResolutionNote + 1), null, incident.Version, "Alice");
        var accepted = await Incidents.ResolveAsync(incident.Id, new string('x', IncidentService.MaxResolutionNote), null, incident.Version, "Alice");

        Assert.Equal(ChangeOutcome.Invalid, refused.Outcome);
        Assert.Equal($"What fixed it can be at most {IncidentService.MaxResolutionNote:N0} characters; this one has {IncidentService.MaxResolutionNote + 1:N0}.", refused.Problem);
        Assert.Equal(ChangeOutcome.Done, accepted.Outcome);
        Assert.Equal(IncidentService.MaxResolutionNote, (await Incidents.FindAsync(incident.Id))!.ResolutionNote!.Length);
    }

    [Fact]
    public async Task Notes_of_the_maximum_length_are_accepted_and_one_more_is_refused()
    {
        var incident = await CreateAsync();
        var step = incident.Checklist[0];

        var noteRefused = await Incidents.AddNoteAsync(incident.Id, new string('x', IncidentService.MaxNote + 1), "Alice");
        var noteAccepted = await Incidents.AddNoteAsync(incident.Id, $"  {new string('x', IncidentService.MaxNote)}  ", "Alice");
        var stepRefused = await Incidents.SetStepNoteAsync(incident.Id, step.Id, new string('x', IncidentService.MaxStepNote + 1), step.Version, "Alice");
        var stepAccepted = await Incidents.SetStepNoteAsync(incident.Id, step.Id, new string('x', IncidentService.MaxStepNote), step.Version, "Alice");

        Assert.Equal($"A note can be at most {IncidentService.MaxNote:N0} characters; this one has {IncidentService.MaxNote + 1:N0}.", noteRefused.Problem);
        Assert.Equal(ChangeOutcome.Done, noteAccepted.Outcome);
        Assert.Equal($"A step note can be at most {IncidentService.MaxStepNote:N0} characters; this one has {IncidentService.MaxStepNote + 1:N0}.", stepRefused.Problem);
        Assert.Equal(ChangeOutcome.Done, stepAccepted.Outcome);
    }

    [Fact]
    public void Draft_fields_of_the_maximum_length_are_accepted_and_one_more_is_refused()
    {
        var catalog = _app.Services.GetRequiredService<KnowledgeBase>().Current;
        var now = DateTime.UtcNow;
        IncidentDraft Draft(int extra) => new()
        {
            Title = new string('t', IncidentDraft.MaxTitle + extra),
            Service = new string('s', IncidentDraft.MaxService + extra),
            Environment = new string('e', IncidentDraft.MaxEnvironment + extra),
            ErrorLog = new string('l', IncidentDraft.MaxErrorLog + extra),
        };

        Assert.Empty(Draft(0).Validate(catalog, now));
        var errors = Draft(1).Validate(catalog, now);
        Assert.Equal("The title can be at most 200 characters; this one has 201.", errors["title"][0]);
        Assert.Equal("The service name can be at most 100 characters; this one has 101.", errors["service"][0]);
        Assert.Equal("The environment can be at most 60 characters; this one has 61.", errors["environment"][0]);
        Assert.Equal("The error log excerpt can be at most 524,288 characters; this one has 524,289. Keep the lines around the failure.", errors["errorLog"][0]);
    }
}
