using Bunit;
using KB.Web.Features.Incidents;
using Microsoft.AspNetCore.Components;

namespace KB.Tests.Components;

public class ChecklistStepTests : ComponentTestContext
{
    private IRenderedComponent<ChecklistStep> Render(ChecklistItem step, Action<bool>? toggled = null, Action<string>? noted = null, bool disabled = false) =>
        Context.Render<ChecklistStep>(parameters => parameters
            .Add(x => x.Step, step)
            .Add(x => x.Number, step.Position + 1)
            .Add(x => x.Disabled, disabled)
            .Add(x => x.OnToggle, done => toggled?.Invoke(done))
            .Add(x => x.OnNote, note => noted?.Invoke(note)));

    [Fact]
    public void The_checkbox_is_labelled_by_the_step_text_and_a_click_asks_to_tick_it()
    {
        bool? toggled = null;
        var step = Render(IncidentSamples.Step(1, IncidentSamples.CurlStep), done => toggled = done);

        var checkbox = step.Find("input[type=checkbox]");
        var label = checkbox.Closest("label")!;
        Assert.Equal("Curl it from the proxy host: curl -sv -o /dev/null http://10.1.2.3:8080/healthz", label.TextContent.Trim());
        Assert.NotNull(label.QuerySelector("code"));
        Assert.False(checkbox.HasAttribute("checked"));

        checkbox.Change(true);

        Assert.True(toggled);
    }

    [Fact]
    public void A_ticked_step_says_who_ticked_it_and_when()
    {
        var step = Render(IncidentSamples.Step(0, IncidentSamples.SsStep, done: true));

        Assert.True(step.Find("input[type=checkbox]").HasAttribute("checked"));
        Assert.Equal("✓ Alice · 09:12 UTC", step.Find(".done-by").TextContent.Trim());
    }

    [Fact]
    public void The_checkbox_shows_what_was_saved_not_what_was_clicked()
    {
        // The page re-renders the step from the database after a save; a refused tick must not stay ticked.
        var saved = IncidentSamples.Step(0, IncidentSamples.SsStep);
        var step = Render(saved);

        step.Find("input[type=checkbox]").Change(true);

        Assert.False(step.Find("input[type=checkbox]").HasAttribute("checked"));
    }

    [Fact]
    public void Each_command_of_the_step_gets_a_copy_button_that_copies_it()
    {
        Context.JSInterop.SetupVoid("kbCopyText", "ss -ltnp 'sport = :8080'").SetVoidResult();
        var step = Render(IncidentSamples.Step(0, IncidentSamples.SsStep));

        var copy = step.Find("button[aria-label=\"Copy command: ss -ltnp 'sport = :8080'\"]");
        Assert.Equal("ss -ltnp 'sport = :8080'", step.Find(".step-command code").TextContent);
        copy.Click();

        Context.JSInterop.VerifyInvoke("kbCopyText");
        step.WaitForAssertion(() => Assert.Contains("Copied", step.Find(".step-command button").TextContent));
    }

    [Fact]
    public void A_setting_name_in_code_is_not_offered_as_a_command()
    {
        var step = Render(IncidentSamples.Step(0, "Raise `proxy_read_timeout` for the slow endpoint only"));

        Assert.Empty(step.FindAll(".step-command"));
    }

    [Fact]
    public void A_note_is_saved_from_the_step_and_a_long_one_is_refused()
    {
        string? noted = null;
        var step = Render(IncidentSamples.Step(1, IncidentSamples.CurlStep), noted: note => noted = note);

        step.Find("button[aria-label='Add a note to step 2']").Click();
        var field = step.Find("textarea, input:not([type=checkbox])");
        Assert.Equal("Note on this step", step.Find($"label[for='{field.Id}']").TextContent);
        field.Change(new string('x', IncidentService.MaxStepNote + 1));
        step.FindAll("button").Single(button => button.TextContent.Contains("Save note")).Click();
        Assert.Null(noted);
        Assert.Contains("A step note", step.Markup);

        step.Find("textarea, input:not([type=checkbox])").Change("ran it on node-3");
        step.FindAll("button").Single(button => button.TextContent.Contains("Save note")).Click();
        Assert.Equal("ran it on node-3", noted);
    }

    [Fact]
    public void Every_control_but_copying_is_off_while_the_step_is_disabled()
    {
        var step = Render(IncidentSamples.Step(0, IncidentSamples.SsStep), disabled: true);

        Assert.True(step.Find("input[type=checkbox]").HasAttribute("disabled"));
        Assert.All(step.FindAll("button:not(.step-command button)"), button => Assert.True(button.HasAttribute("disabled")));
        Assert.False(step.Find(".step-command button").HasAttribute("disabled"));
    }

    [Fact]
    public void The_copy_button_waits_for_the_live_connection()
    {
        Context.Renderer.SetRendererInfo(new RendererInfo("Static", isInteractive: false));

        var step = Render(IncidentSamples.Step(0, IncidentSamples.SsStep));

        Assert.True(step.Find(".step-command button").HasAttribute("disabled"));
    }
}
