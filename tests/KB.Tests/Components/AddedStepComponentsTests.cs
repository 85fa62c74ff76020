using Bunit;
using KB.Web.Features.Incidents;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace KB.Tests.Components;

/// <summary>Adding a step to an incident's checklist and proposing the added steps for the cause article.</summary>
public class AddedStepComponentsTests : ComponentTestContext
{
    // Dialogs open and close over a few renders; a busy machine needs longer than bUnit's default second.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private const string Added = "Check the pool: `ss -s`";

    private static AngleSharp.Dom.IElement Button<T>(IRenderedComponent<T> fragment, string name) where T : Microsoft.AspNetCore.Components.IComponent =>
        fragment.FindAll("button").Single(button => button.TextContent.Trim() == name);

    private IRenderedComponent<AddStepForm> AddStepForm(Func<string, Task<bool>> onAdd, bool disabled = false) =>
        Context.Render<AddStepForm>(parameters => parameters.Add(x => x.OnAdd, onAdd).Add(x => x.Disabled, disabled));

    [Fact]
    public void A_step_is_added_by_its_labelled_field_and_the_field_empties_once_it_is_saved()
    {
        var asked = new List<string>();
        var form = AddStepForm(text => { asked.Add(text); return Task.FromResult(true); });

        var field = form.Find("input");
        Assert.Equal("New step", form.Find($"label[for='{field.Id}']").TextContent);
        Assert.True(Button(form, "Add step").HasAttribute("disabled"));
        field.Input(Added);
        Button(form, "Add step").Click();

        Assert.Equal([Added], asked);
        Assert.Equal("", form.Find("input").GetAttribute("value") ?? "");
    }

    [Fact]
    public void A_step_that_was_not_saved_stays_in_the_field_and_a_long_one_is_refused()
    {
        var asked = new List<string>();
        var form = AddStepForm(text => { asked.Add(text); return Task.FromResult(false); });

        form.Find("input").Input(Added);
        Button(form, "Add step").Click();
        Assert.Equal(Added, form.Find("input").GetAttribute("value"));

        form.Find("input").Input(new string('x', IncidentService.MaxStepText + 1));
        Button(form, "Add step").Click();
        Assert.Single(asked);
        Assert.Contains("A step can be at most", form.Markup);
    }

    [Fact]
    public void The_field_and_button_are_off_while_the_checklist_is_disabled()
    {
        var form = AddStepForm(_ => Task.FromResult(true), disabled: true);

        Assert.True(form.Find("input").HasAttribute("disabled"));
        Assert.True(Button(form, "Add step").HasAttribute("disabled"));
    }

    [Fact]
    public void An_added_step_says_who_added_it_and_the_articles_steps_do_not()
    {
        var added = IncidentSamples.Step(6, Added);
        added.AddedBy = "Bob";

        var step = Context.Render<ChecklistStep>(parameters => parameters.Add(x => x.Step, added).Add(x => x.Number, 7));
        var copied = Context.Render<ChecklistStep>(parameters => parameters.Add(x => x.Step, IncidentSamples.Step(0, IncidentSamples.SsStep)).Add(x => x.Number, 1));

        Assert.Equal("Added by Bob", step.Find(".added-by").TextContent.Trim());
        Assert.Empty(copied.FindAll(".added-by"));
    }

    [Fact]
    public void The_panel_counts_what_is_new_and_asks_to_propose_it()
    {
        var incident = IncidentSamples.With(IncidentStatus.Identified, IncidentSamples.Step(0, IncidentSamples.SsStep), IncidentSamples.Step(1, Added));
        incident.Checklist[0].Note = "listening on 8081";
        incident.Checklist[1].AddedBy = "Bob";
        var asked = 0;

        var panel = Context.Render<ProposeStepsPanel>(parameters => parameters
            .Add(x => x.Incident, incident)
            .Add(x => x.Rights, new ProposalRights(true, true, null))
            .Add(x => x.OnPropose, () => asked++));

        Assert.Equal("1 added step and 1 step note can go into the checklist of upstream-down, through review.", panel.Find("p").TextContent.Trim());
        Button(panel, "Propose for the article").Click();
        Assert.Equal(1, asked);
        Assert.Empty(panel.FindAll(".propose-reason"));
    }

    [Fact]
    public void Someone_who_may_not_send_sees_why_and_the_button_is_off()
    {
        var incident = IncidentSamples.With(IncidentStatus.Identified, IncidentSamples.Step(0, Added));
        incident.Checklist[0].AddedBy = "Bob";

        var panel = Context.Render<ProposeStepsPanel>(parameters => parameters
            .Add(x => x.Incident, incident)
            .Add(x => x.Rights, new ProposalRights(false, false, "Only an Editor may do that.")));

        Assert.True(Button(panel, "Propose for the article").HasAttribute("disabled"));
        Assert.Equal("Only an Editor may do that.", panel.Find(".propose-reason").TextContent.Trim());
    }

    private static StepProposalDraft Draft()
    {
        var section = new ChecklistSection("---\nslug: upstream-down\n---\nBody.\n\n", "## Checklist\n\n- [ ] Curl it\n", "");
        return new StepProposalDraft(7, "upstream-down", "Upstream is down", "stamp", section, $"## Checklist\n\n- [ ] Curl it\n  - Note from incident #7: got 503\n- [ ] {Added}\n");
    }

    [Fact]
    public async Task The_dialog_shows_the_merged_section_as_a_diff_and_sends_it_as_edited()
    {
        Context.Render<MudPopoverProvider>();
        var dialogs = Context.Render<MudDialogProvider>();
        var sent = new List<string>();

        var shown = Context.Renderer.Dispatcher.InvokeAsync(() => ProposeStepsDialog.ShowAsync(Context.Services.GetRequiredService<IDialogService>(), Draft(), throughReview: true,
            section => { sent.Add(section); return Task.FromResult(new StepProposalResult(true, "Proposed for review")); }));
        var field = dialogs.WaitForElement("textarea", Patience);

        Assert.Contains("- [ ] Curl it\n  - Note from incident #7: got 503", field.GetAttribute("value"));
        Assert.Equal(["  - Note from incident #7: got 503", $"- [ ] {Added}"], dialogs.FindAll(".diff ins").Select(row => row.TextContent));
        Assert.Contains("It goes to the Reviews page", dialogs.Markup);
        await dialogs.Find("textarea").InputAsync(new Microsoft.AspNetCore.Components.ChangeEventArgs { Value = $"## Checklist\n\n- [ ] Curl it\n- [ ] {Added}\n" });
        dialogs.WaitForAssertion(() => Assert.Single(dialogs.FindAll(".diff ins")), Patience);
        await dialogs.InvokeAsync(() => Button(dialogs, "Send for review").Click());

        Assert.Equal("Proposed for review", await shown.WaitAsync(Patience));
        Assert.Equal([$"## Checklist\n\n- [ ] Curl it\n- [ ] {Added}\n"], sent);
    }

    [Fact]
    public async Task A_refused_send_keeps_the_dialog_open_with_the_reason()
    {
        Context.Render<MudPopoverProvider>();
        var dialogs = Context.Render<MudDialogProvider>();

        _ = Context.Renderer.Dispatcher.InvokeAsync(() => ProposeStepsDialog.ShowAsync(Context.Services.GetRequiredService<IDialogService>(), Draft(), throughReview: false,
            _ => Task.FromResult(new StepProposalResult(false, "The article changed since you opened it."))));
        dialogs.WaitForElement("textarea", Patience);

        await dialogs.InvokeAsync(() => Button(dialogs, "Save to the article").Click());

        dialogs.WaitForAssertion(() => Assert.Contains("The article changed since you opened it.", dialogs.Markup), Patience);
        Assert.Contains("- [ ] Curl it", dialogs.Find("textarea").GetAttribute("value"));
    }
}
