using System.Net;
using System.Text.RegularExpressions;
using KB.Web.Features.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace KB.Tests.Accounts;

/// <summary>First admin set-up and accepting one-time invitation links, through the server-rendered forms that set the sign-in cookie.</summary>
public sealed class InvitationTests : IDisposable
{
    private readonly KbApp _app = new();

    [Fact]
    public async Task Without_a_configured_admin_the_first_visit_sets_one_up_once()
    {
        using var fresh = new KbApp(settings: KbApp.WithoutAdmin);
        var client = fresh.CreateAnonymousClient();

        var signIn = await client.GetAsync("/account/signin");
        Assert.Equal("/account/setup", signIn.Headers.Location?.AbsolutePath);
        var weak = await KbApp.PostFormAsync(client, "/account/setup", "setup", NewAccount("owner@example.test", "Owner", "password1234"));
        Assert.Contains("most common passwords", await weak.Content.ReadAsStringAsync());
        var created = await KbApp.PostFormAsync(client, "/account/setup", "setup", NewAccount("owner@example.test", "Owner", TestUsers.Password));

        Assert.Equal("/admin/users", created.Headers.Location?.AbsolutePath);
        Assert.Contains("owner@example.test", await client.GetStringAsync("/admin/users"));
        var again = await fresh.CreateAnonymousClient().GetAsync("/account/setup");
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        var secondAdmin = await KbApp.PostFormAsync(fresh.CreateAnonymousClient(), "/account/signin", "sign-in", new() { ["Form.Email"] = "owner@example.test", ["Form.Password"] = TestUsers.Password });
        Assert.Equal("/", secondAdmin.Headers.Location?.AbsolutePath);
    }

    [Fact]
    public async Task An_invitation_link_creates_an_account_with_the_role_once_and_only_once()
    {
        var link = await InviteAsync("new.person@example.test", Roles.Editor);

        var stranger = _app.CreateAnonymousClient();
        var page = await stranger.GetStringAsync(link.PathAndQuery);
        Assert.Contains("new.person@example.test", page);
        Assert.Contains("<label for=\"display-name\">Your name</label>", page);
        var mismatch = await KbApp.PostFormAsync(stranger, link.PathAndQuery, "accept-invitation", new() { ["Form.DisplayName"] = "New Person", ["Form.Password"] = TestUsers.Password, ["Form.ConfirmPassword"] = "something else entirely" });
        Assert.Contains("The two passwords differ", await mismatch.Content.ReadAsStringAsync());
        var accepted = await KbApp.PostFormAsync(stranger, link.PathAndQuery, "accept-invitation", new() { ["Form.DisplayName"] = "New Person", ["Form.Password"] = TestUsers.Password, ["Form.ConfirmPassword"] = TestUsers.Password });

        Assert.Equal("/", accepted.Headers.Location?.AbsolutePath);
        Assert.Contains("New Person", await stranger.GetStringAsync("/account/profile"));
        Assert.Contains("role <strong>Editor</strong>", await stranger.GetStringAsync("/account/profile"));
        var reused = await _app.CreateAnonymousClient().GetAsync(link.PathAndQuery);
        Assert.Equal(HttpStatusCode.NotFound, reused.StatusCode);
        Assert.Contains("not valid", await reused.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Display_names_stay_unique_so_the_timeline_says_who_did_what()
    {
        var existing = await _app.CreateAsync(Roles.Responder, "Sam Doe");
        var link = await InviteAsync("sam2@example.test", Roles.Viewer);

        var response = await KbApp.PostFormAsync(_app.CreateAnonymousClient(), link.PathAndQuery, "accept-invitation", new() { ["Form.DisplayName"] = existing.DisplayName.ToUpperInvariant(), ["Form.Password"] = TestUsers.Password, ["Form.ConfirmPassword"] = TestUsers.Password });

        Assert.Contains("already uses this name", await response.Content.ReadAsStringAsync());
    }

    /// <summary>An invitation as the users page makes it (see UsersPageTests), handed over as its link.</summary>
    private async Task<Uri> InviteAsync(string email, string role)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var (_, secret, problem) = await scope.ServiceProvider.GetRequiredService<AccountAdmin>().InviteAsync(email, role, "Admin");
        return secret is null ? throw new InvalidOperationException(problem) : new Uri($"http://localhost/account/invite/{secret}");
    }

    private static Dictionary<string, string> NewAccount(string email, string name, string password) => new()
    {
        ["Form.Email"] = email,
        ["Form.DisplayName"] = name,
        ["Form.Password"] = password,
        ["Form.ConfirmPassword"] = password,
    };

    public void Dispose() => _app.Dispose();
}
