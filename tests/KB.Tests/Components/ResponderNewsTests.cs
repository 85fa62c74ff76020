using KB.Web.Features.Incidents;

namespace KB.Tests.Components;

public class ResponderNewsTests
{
    private static Incident Worked()
    {
        var incident = IncidentSamples.With(IncidentStatus.Identified,
            IncidentSamples.Step(0, "Copy the upstream address"), IncidentSamples.Step(1, IncidentSamples.CurlStep), IncidentSamples.Step(2, IncidentSamples.SsStep));
        incident.Timeline =
        [
            new() { Id = 1, Who = "Alice", Kind = TimelineKinds.Created, Text = "Logged as SEV2 on checkout-api: Checkout answers 502" },
            new() { Id = 2, Who = "Bob", Kind = TimelineKinds.Step, Text = $"Ticked: {IncidentSamples.SsStep}" },
            new() { Id = 3, Who = "Alice", Kind = TimelineKinds.Step, Text = $"Ticked: {IncidentSamples.CurlStep}" },
            new() { Id = 4, Who = "Bob", Kind = TimelineKinds.Note, Text = "Restarted the pod on node-3" },
            new() { Id = 5, Who = "Carol", Kind = TimelineKinds.Step, Text = $"Unticked: {IncidentSamples.SsStep}" },
        ];
        return incident;
    }

    [Fact]
    public void Other_responders_changes_since_the_last_read_are_told_with_the_step_number()
    {
        var news = ResponderNews.Unseen(Worked(), new HashSet<int> { 1 }, "Alice");

        Assert.Equal(
        [
            $"Bob ticked step 3: {IncidentSamples.SsStep}",
            "Bob: Restarted the pod on node-3",
            $"Carol unticked step 3: {IncidentSamples.SsStep}",
        ], news);
    }

    [Fact]
    public void What_was_already_seen_and_ones_own_changes_are_not_told_again()
    {
        Assert.Empty(ResponderNews.Unseen(Worked(), new HashSet<int> { 1, 2, 4, 5 }, "Alice"));
        Assert.Equal(["Alice ticked step 2: " + IncidentSamples.CurlStep], ResponderNews.Unseen(Worked(), new HashSet<int> { 1, 2, 4, 5 }, "Bob"));
    }
}
