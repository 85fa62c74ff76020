using AngleSharp.Dom;
using Bunit;
using KB.Web.Data;
using KB.Web.Features.Accounts;
using KB.Web.Features.Incidents;
using KB.Web.Features.Knowledge;
using KB.Web.Features.Response;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace KB.Tests.Components;

/// <summary>The whole incident page over the app's own services and a real SQLite file, as one signed-in person sees it.</summary>
public sealed class IncidentDetailPageTests : IAsyncLifetime
{
    private readonly KbApp _app = new();
    private readonly SomeoneSignedIn _user = new();

    public IncidentDetailPageTests()
    {
        // As ComponentTestContext, with the person signed in and the app's services put in before anything renders.
        Context.JSInterop.Mode = JSRuntimeMode.Loose;
        Context.Services.AddMudServices();
        Context.Services.AddSingleton<ICurrentUser>(_user);
        Context.Services.AddSingleton(_app.Services.GetRequiredService<IncidentService>());
        Context.Services.AddSingleton(_app.Services.GetRequiredService<IncidentSearch>());
        Context.Services.AddSingleton(_app.Services.GetRequiredService<IncidentNotifier>());
        Context.Services.AddSingleton(_app.Services.GetRequiredService<StepProposals>());
        Context.Services.AddSingleton(_app.Services.GetRequiredService<KnowledgeBase>());
        Context.Services.AddSingleton(_app.Services.GetRequiredService<TimeProvider>());
        Context.Services.AddSingleton(_app.Services.GetRequiredService<ResponseService>());
        Context.Services.AddSingleton(_app.Services.GetRequiredService<UpdateRhythm>());
        Context.Renderer.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    private BunitContext Context { get; } = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await Context.DisposeAsync();
        await _app.DisposeAsync();
    }

    private IncidentService Incidents => _app.Services.GetRequiredService<IncidentService>();

    private IEnumerable<string> Snackbars => Context.Services.GetRequiredService<ISnackbar>().ShownSnackbars.Select(snackbar => snackbar.Message ?? "");

    private async Task<Incident> CreateAsync()
    {
        var created = await Incidents.CreateAsync(new IncidentDraft { Title = "502s on checkout", Service = "checkout-api", Severity = "SEV2", Cause = "upstream-down" }, "Carol");
        return (await Incidents.FindAsync(created.Id))!;
    }

    private IRenderedComponent<IncidentDetailPage> Open(Incident incident)
    {
        Context.Render<MudPopoverProvider>();
        return Context.Render<IncidentDetailPage>(parameters => parameters.Add(x => x.Id, incident.Id));
    }

    private static IElement Checkbox(IRenderedComponent<IncidentDetailPage> page, ChecklistItem step) =>
        page.FindAll(".checklist input[type=checkbox]").Single(box => box.Closest("label")!.TextContent.Contains(step.Text.Split('`')[0].Trim()));

    [Fact]
    public async Task A_viewer_sees_every_control_of_the_incident_turned_off()
    {
        var incident = await CreateAsync();
        _user.Role = Roles.Viewer;

        var page = Open(incident);

        page.WaitForAssertion(() => Assert.Contains("working it needs the Responder role", page.Markup));
        Assert.NotEmpty(page.FindAll(".checklist input[type=checkbox]"));
        Assert.All(page.FindAll("input, textarea"), field => Assert.True(field.HasAttribute("disabled"), field.OuterHtml));
        // Copying a command changes nothing, so a viewer may.
        Assert.All(page.FindAll("button:not(.step-command button)"), button => Assert.True(button.HasAttribute("disabled"), button.OuterHtml));
    }

    [Fact]
    public async Task A_responder_can_tick_steps_and_change_the_status()
    {
        var incident = await CreateAsync();

        var page = Open(incident);

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll(".checklist input[type=checkbox]")));
        Assert.DoesNotContain("working it needs the Responder role", page.Markup);
        Assert.All(page.FindAll(".checklist input[type=checkbox]"), box => Assert.False(box.HasAttribute("disabled")));
        Assert.False(page.FindAll("button").Single(button => button.TextContent.Trim() == "Resolve").HasAttribute("disabled"));
    }

    [Fact]
    public async Task Another_responders_tick_shows_on_the_page_and_in_a_snackbar_and_ones_own_only_says_saved()
    {
        var incident = await CreateAsync();
        var page = Open(incident);
        var third = incident.Checklist[2];

        Assert.Equal(ChangeOutcome.Done, (await Incidents.SetStepDoneAsync(incident.Id, third.Id, true, third.Version, "Bob")).Outcome);

        page.WaitForAssertion(() => Assert.True(Checkbox(page, third).HasAttribute("checked")));
        Assert.Contains($"Bob ticked step 3: {third.Text}", Snackbars);

        await page.InvokeAsync(() => Checkbox(page, incident.Checklist[0]).Change(true));

        page.WaitForAssertion(() => Assert.Contains("Saved", Snackbars));
        Assert.True((await Incidents.FindAsync(incident.Id))!.Checklist[0].Done);
        Assert.DoesNotContain(Snackbars, message => message.StartsWith("Alice", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_change_after_the_session_ended_is_refused_in_a_snackbar()
    {
        var incident = await CreateAsync();
        var page = Open(incident);
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll(".checklist input[type=checkbox]")));
        _user.Name = null;

        await page.InvokeAsync(() => Checkbox(page, incident.Checklist[0]).Change(true));

        page.WaitForAssertion(() => Assert.Contains("Your session has ended: nothing was changed. Reload the page to sign in again.", Snackbars));
        Assert.False((await Incidents.FindAsync(incident.Id))!.Checklist[0].Done);
    }

    [Fact]
    public async Task The_values_in_the_commands_name_their_line_and_a_correction_fills_the_commands_again()
    {
        const string refused = "connect() failed (111: Connection refused) while connecting to upstream, upstream: \"http://10.0.3.12:8080/\"";
        var created = await Incidents.CreateAsync(new IncidentDraft { Title = "502s on checkout", Service = "checkout-api", ErrorLog = refused, Cause = "upstream-down" }, "Carol");
        var page = Open((await Incidents.FindAsync(created.Id))!);
        page.WaitForAssertion(() => Assert.Contains("from line 1: connect() failed", page.Find("#command-values").TextContent));

        await page.InvokeAsync(() => page.Find("#command-values input").Change("10.0.3.99:8080"));

        page.WaitForAssertion(() => Assert.Contains("corrected by Alice", page.Find("#command-values").TextContent));
        Assert.Contains("Saved", Snackbars);
        Assert.Contains(page.FindAll(".checklist .step-command code"), code => code.TextContent == "curl -sv -o /dev/null --connect-timeout 5 http://10.0.3.99:8080/healthz");
    }

    [Fact]
    public async Task An_incident_whose_steps_have_no_templates_shows_no_values_to_correct()
    {
        var incident = await CreateAsync();
        await using (var db = await _app.Services.GetRequiredService<IDbContextFactory<KbDb>>().CreateDbContextAsync())
        {
            await db.ChecklistItems.Where(step => step.IncidentId == incident.Id).ExecuteUpdateAsync(set => set.SetProperty(step => step.Template, (string?)null));
        }

        var page = Open(incident);

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll(".checklist input[type=checkbox]")));
        Assert.Empty(page.FindAll("#command-values"));
    }

    [Fact]
    public async Task A_responder_adds_a_step_that_is_marked_as_theirs_and_offered_for_the_article()
    {
        var incident = await CreateAsync();
        var page = Open(incident);
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll(".checklist input[type=checkbox]")));
        Assert.Empty(page.FindAll("#propose-steps"));

        await page.InvokeAsync(() => page.Find(".add-step input").Input("Check the pool: `ss -s`"));
        await page.InvokeAsync(() => page.FindAll("button").Single(button => button.TextContent.Trim() == "Add step").Click());

        page.WaitForAssertion(() => Assert.Contains("Added by Alice", page.Find(".checklist li:last-child").TextContent));
        Assert.Equal("", page.Find(".add-step input").GetAttribute("value") ?? "");
        Assert.Contains("1 added step can go into the checklist of upstream-down", page.Find("#propose-steps").TextContent);
        Assert.Equal("Check the pool: `ss -s`", (await Incidents.FindAsync(incident.Id))!.Checklist[^1].Text);
    }

    private sealed class SomeoneSignedIn : ICurrentUser
    {
        public string? Name { get; set; } = "Alice";

        public string Role { get; set; } = Roles.Responder;

        public Task<string?> NameAsync() => Task.FromResult(Name);

        public Task<bool> CanAsync(string role) => Task.FromResult(role == Roles.Viewer || Role == Roles.Responder);
    }
}
