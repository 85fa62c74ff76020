using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Bunit;
using KB.Tests.Components;
using KB.Web.Data;
using KB.Web.Features.Accounts;
using KB.Web.Features.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KB.Tests.Accounts;

/// <summary>The profile page in the live page: personal API tokens and the password change.</summary>
public sealed class ProfilePageTests : AppPageTestContext
{
    [Fact]
    public async Task A_personal_token_is_shown_once_stored_hashed_acts_as_its_owner_and_stops_when_revoked()
    {
        await SignInAsync(Roles.Responder, "Rita Ops");
        var (dialogs, page) = RenderWithDialogs<ProfilePage>();
        page.WaitForElement("#token-name");

        await TypeAsync(page, "Token name", "deploy pipeline");
        Click(page, "Create token");

        var token = page.WaitForElement("pre.token-secret code").TextContent;
        Assert.StartsWith("kb_", token);
        Assert.DoesNotContain(token, Context.Render<ProfilePage>().Markup);
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var stored = await scope.ServiceProvider.GetRequiredService<KbDb>().ApiTokens.SingleAsync();
            Assert.NotEqual(token, stored.Hash);
            Assert.DoesNotContain(token, stored.Hash + stored.Prefix + stored.Name);
        }
        Assert.Single(await AuditAsync(AuditActions.TokenCreated));

        var api = App.CreateAnonymousClient();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var incident = await api.PostAsJsonAsync("/api/incidents", new { title = "Logged by a script", service = "web" });
        Assert.Equal(HttpStatusCode.Created, incident.StatusCode);
        var body = await incident.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Rita Ops", body.GetProperty("timeline")[0].GetProperty("who").GetString());

        Click(page, "Revoke token deploy pipeline");
        dialogs.WaitForAssertion(() => Assert.Contains("Revoke token deploy pipeline?", dialogs.Markup));
        Click(dialogs, "Revoke");

        page.WaitForAssertion(() => Assert.Contains(Snackbar.ShownSnackbars, snackbar => snackbar.Message?.StartsWith("The token is revoked", StringComparison.Ordinal) == true));
        Assert.Single(await AuditAsync(AuditActions.TokenRevoked));
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/incidents")).StatusCode);
    }

    [Fact]
    public async Task A_token_name_over_its_limit_is_refused_beside_the_field()
    {
        await SignInAsync(Roles.Viewer);
        var page = Context.Render<ProfilePage>();
        page.WaitForElement("#token-name");

        await TypeAsync(page, "Token name", new string('t', ApiTokens.MaxNameLength + 1));
        Click(page, "Create token");

        page.WaitForAssertion(() => Assert.Contains($"at most {ApiTokens.MaxNameLength} characters", page.Markup));
        Assert.Empty(page.FindAll("pre.token-secret"));
        Assert.Empty(await AuditAsync(AuditActions.TokenCreated));
    }

    [Fact]
    public async Task The_password_change_names_a_wrong_current_password_and_a_weak_new_one_beside_their_fields()
    {
        await SignInAsync(Roles.Viewer, "Pia Pass");
        var page = Context.Render<ProfilePage>();
        page.WaitForElement("#current-password");

        await TypeAsync(page, "Current password", "not my password at all");
        await TypeAsync(page, "New password", "a brand new long passphrase 77");
        Click(page, "Change password");
        page.WaitForAssertion(() => Assert.Contains("The current password is not right.", page.Markup));

        await TypeAsync(page, "Current password", TestUsers.Password);
        await TypeAsync(page, "New password", "password1234");
        Click(page, "Change password");
        page.WaitForAssertion(() => Assert.Contains("most common passwords", page.Markup));
        Assert.Empty(await AuditAsync(AuditActions.PasswordChanged));

        await TypeAsync(page, "Current password", TestUsers.Password);
        await TypeAsync(page, "New password", "a brand new long passphrase 77");
        Click(page, "Change password");
        page.WaitForAssertion(() => Assert.Contains(Snackbar.ShownSnackbars, snackbar => snackbar.Message == "Your password is changed; your other sign-ins have ended."));
        Assert.Single(await AuditAsync(AuditActions.PasswordChanged));
        Assert.Equal("", page.Find("#new-password").GetAttribute("value") ?? "");
    }
}
