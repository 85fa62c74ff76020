using System.Text.RegularExpressions;
using Bunit;
using KB.Tests.Accounts;
using KB.Tests.Components;
using KB.Web.Data;
using KB.Web.Features.Accounts;
using KB.Web.Features.Incidents;
using KB.Web.Features.Triage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KB.Tests.Incidents;

/// <summary>Logging an incident in the live form: messages beside the fields, the cause suggested from the pasted lines, the save.</summary>
public sealed partial class IncidentNewPageTests : AppPageTestContext
{
    private const string NginxRefused = "2024/05/14 09:12:03 [error] 2817#2817: *1043 connect() failed (111: Connection refused) while connecting to upstream, client: 10.0.0.7, server: shop.example.com, request: \"GET /cart HTTP/1.1\", upstream: \"http://10.0.3.12:8080/cart\", host: \"shop.example.com\"";

    private async Task<int> IncidentCountAsync()
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<KbDb>().Incidents.CountAsync();
    }

    private IRenderedComponent<IncidentNewPage> RenderForm()
    {
        var page = Context.Render<IncidentNewPage>();
        page.WaitForElement("#incident-title");
        return page;
    }

    [Fact]
    public async Task An_empty_form_is_refused_with_each_message_beside_its_field_and_nothing_is_saved()
    {
        await SignInAsync(Roles.Responder);
        var page = RenderForm();

        Click(page, "Log incident");

        page.WaitForAssertion(() => Assert.Contains("Give the incident a title", FieldOf(page, "incident-title").TextContent));
        Assert.Contains("Name the service that answers 502.", FieldOf(page, "incident-service").TextContent);
        Assert.Equal("true", page.Find("#incident-title").GetAttribute("aria-invalid"));
        Assert.Contains("The incident was not logged", page.Markup);
        Assert.Equal(0, await IncidentCountAsync());
    }

    [Fact]
    public async Task A_title_over_its_limit_is_named_beside_the_title()
    {
        await SignInAsync(Roles.Responder);
        var page = RenderForm();

        await TypeAsync(page, "Title", new string('t', IncidentDraft.MaxTitle + 1));
        await TypeAsync(page, "Service", "web");
        Click(page, "Log incident");

        page.WaitForAssertion(() => Assert.Contains($"at most {IncidentDraft.MaxTitle} characters", FieldOf(page, "incident-title").TextContent));
        Assert.Equal(0, await IncidentCountAsync());
    }

    [Fact]
    public async Task The_pasted_lines_suggest_the_cause_and_the_saved_incident_opens_with_what_was_filled_in()
    {
        var responder = await SignInAsync(Roles.Responder, "Alice Ops");
        var page = RenderForm();

        await TypeAsync(page, "Title", "502s on checkout");
        await TypeAsync(page, "Service", "checkout-api");
        await ChooseAsync(page, "Severity", "SEV2");
        Typed = NginxRefused;
        await page.InvokeAsync(() => page.FindComponent<LogPasteBox>().Instance.ChangedAsync());
        page.WaitForAssertion(() => Assert.Contains("Upstream refuses connections", page.Find("section[aria-labelledby=suggestions-heading]").TextContent));
        await page.FindAll("button").First(button => button.TextContent.Trim() == "Use this cause").ClickAsync(new());
        Click(page, "Log incident");

        page.WaitForAssertion(() => Assert.Matches(IncidentUrl(), Navigation.Uri));
        var id = int.Parse(IncidentUrl().Match(Navigation.Uri).Groups[1].Value);
        var incident = await App.Services.GetRequiredService<IncidentService>().FindAsync(id);
        Assert.Equal(("502s on checkout", "checkout-api", "upstream-down", NginxRefused), (incident!.Title, incident.Service, incident.Cause, incident.ErrorLog));
        Assert.Equal("SEV2", incident.Severity.ToString());
        Assert.Equal(responder.DisplayName, incident.Timeline.First().Who);
    }

    [Fact]
    public async Task After_the_session_ends_the_form_keeps_its_text_and_logs_nothing()
    {
        await SignInAsync(Roles.Responder);
        var page = RenderForm();
        await TypeAsync(page, "Title", "Too late");
        await TypeAsync(page, "Service", "web");
        Authorization.SetNotAuthorized();

        Click(page, "Log incident");

        page.WaitForAssertion(() => Assert.Contains("Your session has ended, so the incident was not logged.", page.Markup));
        Assert.Equal("Too late", page.Find("#incident-title").GetAttribute("value"));
        Assert.Equal(0, await IncidentCountAsync());
    }

    [Fact]
    public async Task Until_the_page_is_live_the_fields_and_the_button_are_disabled()
    {
        await SignInAsync(Roles.Responder);
        Context.Renderer.SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Static", isInteractive: false));

        var page = Context.Render<IncidentNewPage>();

        Assert.True(page.Find("#incident-title").HasAttribute("disabled"));
        Assert.True(page.FindAll("button").Single(button => button.TextContent.Trim() == "Log incident").HasAttribute("disabled"));
    }

    [Fact]
    public async Task The_page_the_server_sends_first_has_the_button_disabled_until_the_circuit_is_live()
    {
        var responder = await App.SignInAsAsync(Roles.Responder);

        var html = await responder.GetStringAsync("/incidents/new");

        Assert.Matches(new Regex("""<button[^>]*disabled[^>]*>\s*<span class="mud-button-label">Log incident</span>"""), html);
        Assert.Contains("data-interactive=\"false\"", html);
    }

    /// <summary>The MudBlazor input control around the field: its label, the input and the message below it.</summary>
    private static AngleSharp.Dom.IElement FieldOf(IRenderedComponent<IncidentNewPage> page, string inputId) =>
        page.Find($"#{inputId}").Closest(".mud-input-control")!;

    [GeneratedRegex(@"/incidents/(\d+)$")]
    private static partial Regex IncidentUrl();
}
