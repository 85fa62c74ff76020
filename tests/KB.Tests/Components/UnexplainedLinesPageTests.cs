using Bunit;
using KB.Web.Features.Accounts;
using KB.Web.Features.Triage;
using KB.Web.Features.Triage.Unexplained;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace KB.Tests.Components;

/// <summary>The editors' list of lines triage could not read, as an editor works it.</summary>
public sealed class UnexplainedLinesPageTests : AppPageTestContext
{
    private UnexplainedLines Lines => App.Services.GetRequiredService<UnexplainedLines>();

    private async Task RecordAsync(string text) =>
        await Lines.RecordAsync(text, await App.Services.GetRequiredService<TriageEngine>().TriageAsync(text));

    [Fact]
    public async Task Lines_are_listed_most_seen_first_and_a_dismissed_one_goes()
    {
        await RecordAsync("frobnicator: rarely seen error");
        await RecordAsync("frobnicator: widget error on 10.0.4.17:7000");
        await RecordAsync("frobnicator: widget error on 10.0.4.18:7001");
        await SignInAsync(Roles.Editor);

        var (_, page) = RenderWithDialogs<UnexplainedLinesPage>();

        page.WaitForAssertion(() => Assert.Equal(
            ["frobnicator: widget error on <ip>:<port>", "frobnicator: rarely seen error"],
            page.FindAll("code.unexplained-line").Select(code => code.TextContent)));
        var rare = (await Lines.ListAsync(0, 10)).Lines[1];
        Click(page, $"Dismiss line {rare.Id}");
        page.WaitForAssertion(() => Assert.Single(page.FindAll("code.unexplained-line")));
    }

    [Fact]
    public async Task Opening_the_editor_from_a_line_asks_for_the_cause_and_goes_to_its_editor_with_the_line()
    {
        await RecordAsync("frobnicator: widget error on 10.0.4.17:7000");
        var line = (await Lines.ListAsync(0, 10)).Lines.Single();
        await SignInAsync(Roles.Editor);
        Context.Render<MudPopoverProvider>();
        var (dialogs, page) = RenderWithDialogs<UnexplainedLinesPage>();
        page.WaitForAssertion(() => Assert.Single(page.FindAll("code.unexplained-line")));

        Click(page, $"Open a cause article's editor for line {line.Id}");
        dialogs.WaitForAssertion(() => Assert.Contains("Which cause does this line show?", dialogs.Markup));
        await ChooseAsync(dialogs, "Cause", "upstream-down");
        Click(dialogs, "Open the editor");

        page.WaitForAssertion(() => Assert.EndsWith($"/kb/upstream-down/edit?line={line.Id}", Navigation.Uri));
    }
}
