using AngleSharp.Dom;
using Bunit;
using KB.Web.Features.Incidents;
using MudBlazor;

namespace KB.Tests.Components;

public class StatusBarTests : ComponentTestContext
{
    // Dialogs open and close over a few renders; a busy machine needs longer than bUnit's default second.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private IRenderedComponent<MudDialogProvider> _dialogs = null!;

    private IRenderedComponent<StatusBar> Render(Incident incident, List<object> raised, bool disabled = false)
    {
        Context.Render<MudPopoverProvider>();
        _dialogs = Context.Render<MudDialogProvider>();
        return Context.Render<StatusBar>(parameters => parameters
            .Add(x => x.Incident, incident)
            .Add(x => x.Disabled, disabled)
            .Add(x => x.OnStatus, status => raised.Add(status))
            .Add(x => x.OnSeverity, severity => raised.Add(severity))
            .Add(x => x.OnResolve, resolution => raised.Add(resolution)));
    }

    private static IElement Button<T>(IRenderedComponent<T> fragment, string name) where T : Microsoft.AspNetCore.Components.IComponent =>
        fragment.FindAll("button").Single(button => button.TextContent.Trim() == name);

    [Fact]
    public void An_investigated_incident_offers_the_next_statuses_and_resolving()
    {
        var raised = new List<object>();
        var bar = Render(IncidentSamples.With(IncidentStatus.Investigating), raised);

        Assert.Equal(["Mark identified", "Mark mitigated", "Resolve"], bar.FindAll("button").Select(button => button.TextContent.Trim()));
        Button(bar, "Mark mitigated").Click();

        Assert.Equal([IncidentStatus.Mitigated], raised);
    }

    [Fact]
    public void Resolving_asks_what_fixed_it_in_a_dialog_first()
    {
        var raised = new List<object>();
        var bar = Render(IncidentSamples.With(IncidentStatus.Mitigated, IncidentSamples.Step(0, IncidentSamples.CurlStep)), raised);

        Button(bar, "Resolve").Click();
        _dialogs.WaitForAssertion(() => Assert.Contains("What fixed it", _dialogs.Markup), Patience);
        Assert.Contains("Step that fixed it", _dialogs.Markup);

        Button(_dialogs, "Resolve incident").Click();
        _dialogs.WaitForAssertion(() => Assert.Contains("Say in a sentence what fixed it.", _dialogs.Markup), Patience);
        Assert.Empty(raised);

        _dialogs.Find("textarea").Change("Restarted the upstream; it listens again.");
        Button(_dialogs, "Resolve incident").Click();

        bar.WaitForAssertion(() => Assert.Equal([new Resolution("Restarted the upstream; it listens again.", null)], raised), Patience);
        _dialogs.WaitForAssertion(() => Assert.DoesNotContain("What fixed it", _dialogs.Markup), Patience);
    }

    [Fact]
    public void Cancelling_the_resolve_dialog_changes_nothing()
    {
        var raised = new List<object>();
        var bar = Render(IncidentSamples.With(IncidentStatus.Identified), raised);

        Button(bar, "Resolve").Click();
        _dialogs.WaitForAssertion(() => Assert.Contains("What fixed it", _dialogs.Markup), Patience);
        Button(_dialogs, "Cancel").Click();

        _dialogs.WaitForAssertion(() => Assert.DoesNotContain("What fixed it", _dialogs.Markup), Patience);
        Assert.Empty(raised);
    }

    [Theory]
    [InlineData("Reopen incident", true)]
    [InlineData("Cancel", false)]
    public void Reopening_a_resolved_incident_is_confirmed_first(string answer, bool reopens)
    {
        var raised = new List<object>();
        var bar = Render(IncidentSamples.With(IncidentStatus.Resolved), raised);

        Assert.Equal(["Reopen"], bar.FindAll("button").Select(button => button.TextContent.Trim()));
        Button(bar, "Reopen").Click();
        _dialogs.WaitForAssertion(() => Assert.Contains("Reopen the incident?", _dialogs.Markup), Patience);
        Button(_dialogs, answer).Click();

        bar.WaitForAssertion(() => Assert.Equal(reopens ? [IncidentStatus.Investigating] : [], raised), Patience);
    }

    [Fact]
    public void Every_button_is_off_while_the_bar_is_disabled()
    {
        var bar = Render(IncidentSamples.With(IncidentStatus.Identified), []);

        bar.Render(parameters => parameters.Add(x => x.Disabled, true));

        Assert.All(bar.FindAll("button"), button => Assert.True(button.HasAttribute("disabled")));
        Assert.True(bar.Find("input").HasAttribute("disabled"));
    }
}
