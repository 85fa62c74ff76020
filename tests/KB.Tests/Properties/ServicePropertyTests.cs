using CsCheck;
using KB.Tests.Knowledge;
using KB.Web.Features.Incidents;
using KB.Web.Features.Knowledge;
using KB.Web.Features.Triage;
using Microsoft.Extensions.DependencyInjection;

namespace KB.Tests.Properties;

/// <summary>The services behind the endpoints and forms, fed hostile input directly: they answer, or refuse with a reason; they never throw.</summary>
public class ServicePropertyTests(ShippedContentApp app) : IClassFixture<ShippedContentApp>
{
    private static readonly DateTime Now = new(2026, 12, 1, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task Triage_of_any_text_ranks_causes_with_finite_confidence_or_says_nothing_points_to_one()
    {
        var engine = app.Services.GetRequiredService<TriageEngine>();
        await HostileInput.Text(PastedText.MaxLineLength).SampleAsync(async text =>
        {
            var result = await engine.TriageAsync(text);
            Assert.All(result.Candidates, candidate => Assert.InRange(candidate.Confidence, 0, 1));
            Assert.All(result.Candidates, candidate => Assert.True(double.IsFinite(candidate.Score) && candidate.Score > 0, $"score {candidate.Score}"));
            Assert.Equal(result.Candidates.Count == 0, result.NoEvidence is not null);
        }, iter: HostileInput.Cases, print: HostileInput.Describe);
    }

    [Fact]
    public async Task Search_of_any_text_answers_scored_results_without_a_query_syntax_error()
    {
        var index = app.Services.GetRequiredService<SearchIndex>();
        var limits = Gen.OneOf(int.MinValue, -1, 0, 1, 10, SearchIndex.MaxLimit + 1, int.MaxValue);
        await Gen.Select(HostileInput.Text(1_000), limits).SampleAsync(async (text, limit) =>
        {
            var results = await index.SearchAsync(text, SearchFilter.None, limit);
            Assert.InRange(results.Count, 0, SearchIndex.MaxLimit);
            Assert.All(results, result => Assert.True(double.IsFinite(result.Score)));
        }, iter: HostileInput.Cases, print: pair => HostileInput.Describe(pair.Item1));
    }

    [Fact]
    public void The_incident_form_model_names_a_field_for_every_problem_and_never_throws()
    {
        string[] fields = ["title", "service", "environment", "proxy", "severity", "startedAt", "detectedAt", "errorLog", "cause"];
        var catalog = app.Services.GetRequiredService<KnowledgeBase>().Current;
        var drafts = Gen.Select(
            Gen.Select(HostileInput.Optional(IncidentDraft.MaxTitle), HostileInput.Optional(IncidentDraft.MaxService), HostileInput.Optional(IncidentDraft.MaxEnvironment)),
            Gen.Select(HostileInput.Optional(), Gen.Frequency((1, HostileInput.Optional()), (1, Gen.OneOf<string?>("SEV1", "SEV4", "sev0"))), HostileInput.Optional(IncidentDraft.MaxErrorLog)),
            Gen.Select(HostileInput.Date.Nullable(0.3), HostileInput.Date.Nullable(0.3), Gen.Frequency((1, HostileInput.Optional()), (1, Gen.OneOf<string?>("upstream-down", "check-dns")))),
            (names, choices, rest) => new IncidentDraft
            {
                Title = names.Item1,
                Service = names.Item2,
                Environment = names.Item3,
                Proxy = choices.Item1,
                Severity = choices.Item2,
                ErrorLog = choices.Item3,
                StartedAt = rest.Item1,
                DetectedAt = rest.Item2,
                Cause = rest.Item3,
            });

        drafts.Sample(draft =>
        {
            var errors = draft.Validate(catalog, Now);
            Assert.All(errors, error => Assert.Contains(error.Key, fields));
            Assert.All(errors.Values, messages => Assert.All(messages, message => Assert.False(string.IsNullOrWhiteSpace(message))));
        }, iter: HostileInput.Cases * 5, print: draft => $"title {HostileInput.Describe(draft.Title)}, severity {HostileInput.Describe(draft.Severity)}, cause {HostileInput.Describe(draft.Cause)}");
    }

    [Fact]
    public async Task Any_note_is_added_whole_or_refused_with_a_reason()
    {
        var incidents = app.Services.GetRequiredService<IncidentService>();
        var incident = await incidents.CreateAsync(new IncidentDraft { Title = "notes", Service = "checkout", Cause = "upstream-down" }, "tester");
        var step = (await incidents.FindAsync(incident.Id))!.Checklist[0];

        await Gen.Select(HostileInput.Text(IncidentService.MaxNote, IncidentService.MaxStepNote).Null(0.1), Gen.Bool).SampleAsync(async (text, onStep) =>
        {
            var before = (await incidents.FindAsync(incident.Id))!;
            var result = onStep
                ? await incidents.SetStepNoteAsync(incident.Id, step.Id, text, before.Checklist.Single(item => item.Id == step.Id).Version, "tester")
                : await incidents.AddNoteAsync(incident.Id, text, "tester");
            var after = (await incidents.FindAsync(incident.Id))!;
            Assert.True(result.Outcome is ChangeOutcome.Done or ChangeOutcome.Invalid, $"{result.Outcome}: {result.Problem}");
            Assert.Equal(result.Outcome == ChangeOutcome.Done ? before.Timeline.Count + 1 : before.Timeline.Count, after.Timeline.Count);
        }, iter: HostileInput.Cases, threads: 1, print: pair => HostileInput.Describe(pair.Item1));
    }
}
