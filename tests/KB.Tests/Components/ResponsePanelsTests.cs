using Bunit;
using KB.Web.Data;
using KB.Web.Features.Accounts;
using KB.Web.Features.Incidents;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace KB.Tests.Components;

/// <summary>The incident page's response panels (roles, rhythm, impact window, follow-ups) as a signed-in responder uses them.</summary>
public sealed class ResponsePanelsTests : AppPageTestContext
{
    private const string TimedLog = "2024/05/14 09:12:03 [error] 2817#2817: *1043 connect() failed (111: Connection refused) while connecting to upstream\n"
        + "2024/05/14 09:13:10 [error] 2817#2817: *1044 connect() failed (111: Connection refused) while connecting to upstream";

    private IncidentService Incidents => App.Services.GetRequiredService<IncidentService>();

    private async Task<IRenderedComponent<IncidentDetailPage>> OpenAsync(string severity = "SEV2", string errorLog = "", TimeSpan? age = null)
    {
        await SignInAsync(Roles.Responder, "Dana");
        var incident = await Incidents.CreateAsync(new IncidentDraft { Title = "502s on checkout", Service = "checkout-api", Severity = severity, ErrorLog = errorLog }, "Carol");
        if (age is { } ago)
        {
            await using var scope = App.Services.CreateAsyncScope();
            var created = DateTime.UtcNow - ago;
            await scope.ServiceProvider.GetRequiredService<KbDb>().Incidents.Where(x => x.Id == incident.Id)
                .ExecuteUpdateAsync(set => set.SetProperty(x => x.CreatedAt, created).SetProperty(x => x.StartedAt, created));
        }
        Context.Render<MudPopoverProvider>();
        var page = Context.Render<IncidentDetailPage>(parameters => parameters.Add(x => x.Id, incident.Id));
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("#roles")));
        return page;
    }

    [Fact]
    public async Task Taking_a_role_shows_who_holds_it_and_lands_on_the_timeline()
    {
        var page = await OpenAsync();
        Assert.Equal("nobody yet", page.Find(".role-commander .holder").TextContent);

        Click(page, "Take commander");

        page.WaitForAssertion(() => Assert.Equal("Dana", page.Find(".role-commander .holder").TextContent));
        page.WaitForAssertion(() => Assert.Contains("Dana took commander", page.Find(".timeline").TextContent, StringComparison.Ordinal));
        Assert.DoesNotContain(page.FindAll("button"), button => button.TextContent.Trim() == "Take commander");
    }

    [Fact]
    public async Task A_follow_up_is_added_and_completed_on_the_page()
    {
        var page = await OpenAsync();

        await TypeAsync(page, "Follow-up", "Alert on upstream health before users see 502s");
        await TypeAsync(page, "Owner", "Bob");
        Click(page, "Add follow-up");

        page.WaitForAssertion(() => Assert.Contains("Alert on upstream health", page.Find(".follow-up").TextContent, StringComparison.Ordinal));
        Assert.Contains("Bob", page.Find(".follow-up").TextContent, StringComparison.Ordinal);
        await page.Find(".follow-up input[type=checkbox]").ChangeAsync(new Microsoft.AspNetCore.Components.ChangeEventArgs { Value = true });
        page.WaitForAssertion(() => Assert.Contains("done by Dana", page.Find(".follow-up").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_empty_follow_up_is_refused_with_a_message()
    {
        var page = await OpenAsync();

        Click(page, "Add follow-up");

        page.WaitForAssertion(() => Assert.Contains("Say what the team will do.", page.Find("#follow-ups").TextContent, StringComparison.Ordinal));
        Assert.Empty(page.FindAll(".follow-up"));
    }

    [Fact]
    public async Task An_overdue_update_is_asked_for_and_posting_one_marks_the_timeline()
    {
        var page = await OpenAsync("SEV1", age: TimeSpan.FromMinutes(22));
        Assert.Contains("No update yet, started 22 min ago: post one", page.Find(".update-rhythm").TextContent, StringComparison.Ordinal);

        await page.Find($"#{page.FindAll("label").Single(label => label.TextContent.Trim() == "Status update").GetAttribute("for")}")
            .InputAsync(new Microsoft.AspNetCore.Components.ChangeEventArgs { Value = "Rolling back the deploy" });
        Click(page, "Post update");

        page.WaitForAssertion(() => Assert.Contains("Last update", page.Find(".update-rhythm").TextContent, StringComparison.Ordinal));
        Assert.Contains("Status update", page.Find(".timeline-update").TextContent, StringComparison.Ordinal);
        Assert.Contains("Rolling back the deploy", page.Find(".timeline-update").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_impact_window_proposes_the_start_from_the_first_failing_line()
    {
        var page = await OpenAsync(errorLog: TimedLog);
        Assert.Contains("First failing line: 2024-05-14 09:12:03 UTC", page.Find("#impact-window").TextContent, StringComparison.Ordinal);
        Assert.NotEmpty(page.FindAll("#impact-window svg"));

        Click(page, "Use as started at");

        page.WaitForAssertion(() => Assert.Contains("started 2024-05-14 09:12 UTC", page.Find(".incident-header").TextContent, StringComparison.Ordinal));
        Assert.DoesNotContain(page.FindAll("button"), button => button.TextContent.Trim() == "Use as started at");
    }

    [Fact]
    public async Task A_paste_without_times_shows_no_impact_window()
    {
        var page = await OpenAsync(errorLog: "connect() failed (111: Connection refused) while connecting to upstream");

        Assert.Empty(page.FindAll("#impact-window"));
    }
}
