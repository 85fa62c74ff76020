using System.Collections.Concurrent;
using KB.Web.Data;
using KB.Web.Features.Audit;
using KB.Web.Features.Incidents;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KB.Tests.Incidents;

/// <summary>Fifty responders on one incident at once, through the service the incident page uses.</summary>
[Trait("Category", TestDatabase.Category)]
public sealed class ResponderContentionTests : IDisposable
{
    private const int Responders = 50;
    private const int TogglesEach = 2;
    private const int NotesEach = 2;

    private readonly KbApp _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Fifty_responders_ticking_and_noting_at_once_land_every_change_once_and_timeline_and_audit_agree()
    {
        var incidents = _app.Services.GetRequiredService<IncidentService>();
        var incident = await incidents.CreateAsync(new IncidentDraft { Title = "busy outage", Service = "checkout", Cause = "upstream-down" }, "lead");
        var steps = (await incidents.FindAsync(incident.Id))!.Checklist.Select(item => item.Id).ToArray();
        var toggles = new ConcurrentBag<(int Step, bool Done)>();
        var notes = new ConcurrentBag<string>();
        var failures = new ConcurrentBag<string>();
        var conflicts = 0;

        await Task.WhenAll(Enumerable.Range(0, Responders).Select(responder => Task.Run(async () =>
        {
            var who = $"responder {responder}";
            try
            {
                for (var i = 0; i < TogglesEach; i++)
                {
                    var stepId = steps[(responder + i) % steps.Length];
                    while (true)
                    {
                        var step = (await incidents.FindAsync(incident.Id))!.Checklist.Single(item => item.Id == stepId);
                        var result = await incidents.SetStepDoneAsync(incident.Id, stepId, !step.Done, step.Version, who);
                        if (result.Outcome == ChangeOutcome.Done)
                        {
                            toggles.Add((stepId, !step.Done));
                            break;
                        }
                        Assert.Equal(ChangeOutcome.Conflict, result.Outcome);
                        Interlocked.Increment(ref conflicts);
                        // The conflict shows the other person's change: the step has moved on from the version read.
                        var now = (await incidents.FindAsync(incident.Id))!.Checklist.Single(item => item.Id == stepId);
                        Assert.True(now.Version > step.Version, "a conflict without a newer change");
                    }
                    var text = $"{who} note {i}";
                    var noted = await incidents.AddNoteAsync(incident.Id, text, who);
                    Assert.Equal(ChangeOutcome.Done, noted.Outcome);
                    notes.Add(text);
                }
            }
            catch (Exception exception)
            {
                failures.Add($"{who}: {exception.GetType().Name}: {exception.Message}");
            }
        }))).WaitAsync(TimeSpan.FromMinutes(3));

        Assert.True(failures.IsEmpty, string.Join("\n", failures.Take(5)));
        Assert.Equal(Responders * NotesEach, notes.Count);
        var final = (await incidents.FindAsync(incident.Id))!;
        var stepEntries = final.Timeline.Where(entry => entry.Kind == TimelineKinds.Step).ToList();
        var noteEntries = final.Timeline.Where(entry => entry.Kind == TimelineKinds.Note).Select(entry => entry.Text).ToList();
        Assert.Equal(toggles.Count, stepEntries.Count);
        Assert.Equal(notes.Order(), noteEntries.Order());
        foreach (var step in final.Checklist)
        {
            var ticks = toggles.Count(toggle => toggle.Step == step.Id && toggle.Done);
            var unticks = toggles.Count(toggle => toggle.Step == step.Id && !toggle.Done);
            Assert.Equal(ticks - unticks == 1, step.Done);
            Assert.Equal(1 + ticks + unticks, step.Version);
        }

        await using var db = await _app.Services.GetRequiredService<IDbContextFactory<KbDb>>().CreateDbContextAsync();
        var audit = await db.AuditEntries.Where(entry => entry.SubjectId == incident.Id.ToString()).ToListAsync();
        Assert.Equal(toggles.Count(toggle => toggle.Done), audit.Count(entry => entry.Action == AuditActions.StepDone));
        Assert.Equal(toggles.Count(toggle => !toggle.Done), audit.Count(entry => entry.Action == AuditActions.StepUndone));
        Assert.Equal(notes.Count, audit.Count(entry => entry.Action == AuditActions.IncidentNote));
        Assert.All(noteEntries, text => Assert.Single(audit, entry => entry.Action == AuditActions.IncidentNote && entry.Summary.EndsWith(text)));
        Assert.True(conflicts >= 0);
    }
}
