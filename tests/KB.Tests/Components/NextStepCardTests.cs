using Bunit;
using KB.Web.Features.Incidents;

namespace KB.Tests.Components;

public class NextStepCardTests : ComponentTestContext
{
    private IRenderedComponent<NextStepCard> Render(Incident incident, Action<ChecklistItem>? done = null, bool disabled = false) =>
        Context.Render<NextStepCard>(parameters => parameters
            .Add(x => x.Incident, incident)
            .Add(x => x.Disabled, disabled)
            .Add(x => x.OnDone, step => done?.Invoke(step)));

    [Fact]
    public void The_card_shows_the_first_unticked_step_with_its_command_and_ticks_it()
    {
        ChecklistItem? ticked = null;
        var incident = IncidentSamples.With(IncidentStatus.Identified,
            IncidentSamples.Step(0, "Copy the upstream address", done: true),
            IncidentSamples.Step(1, IncidentSamples.CurlStep),
            IncidentSamples.Step(2, IncidentSamples.SsStep));

        var card = Render(incident, step => ticked = step);

        Assert.Contains("Step 2 of 3", card.Markup);
        Assert.Contains("Curl it from the proxy host", card.Find(".next-step-text").TextContent);
        Assert.Equal("curl -sv -o /dev/null http://10.1.2.3:8080/healthz", card.Find(".step-command code").TextContent);
        Assert.DoesNotContain("ss -ltnp", card.Markup);

        card.FindAll("button").Single(button => button.TextContent.Contains("Mark step 2 done")).Click();

        Assert.Same(incident.Checklist[1], ticked);
    }

    [Fact]
    public void The_card_moves_on_when_the_step_is_ticked()
    {
        var card = Render(IncidentSamples.With(IncidentStatus.Identified, IncidentSamples.Step(0, IncidentSamples.CurlStep), IncidentSamples.Step(1, IncidentSamples.SsStep)));

        card.Render(parameters => parameters.Add(x => x.Incident, IncidentSamples.With(IncidentStatus.Identified,
            IncidentSamples.Step(0, IncidentSamples.CurlStep, done: true), IncidentSamples.Step(1, IncidentSamples.SsStep))));

        Assert.Equal("ss -ltnp 'sport = :8080'", card.Find(".step-command code").TextContent);
        Assert.Contains("Mark step 2 done", card.Markup);
    }

    [Fact]
    public void With_every_step_ticked_the_card_says_to_resolve()
    {
        var card = Render(IncidentSamples.With(IncidentStatus.Mitigated, IncidentSamples.Step(0, IncidentSamples.CurlStep, done: true)));

        Assert.Contains("Every step is ticked", card.Markup);
        Assert.Empty(card.FindAll("button"));
    }

    [Fact]
    public void Without_a_checklist_the_card_says_to_link_a_cause()
    {
        var card = Render(IncidentSamples.With(IncidentStatus.Investigating));

        Assert.Contains("link the cause below", card.Markup);
    }

    [Fact]
    public void The_tick_button_is_off_while_the_card_is_disabled()
    {
        var card = Render(IncidentSamples.With(IncidentStatus.Identified, IncidentSamples.Step(0, IncidentSamples.CurlStep)), disabled: true);

        Assert.True(card.FindAll("button").Single(button => button.TextContent.Contains("Mark step 1 done")).HasAttribute("disabled"));
    }
}
