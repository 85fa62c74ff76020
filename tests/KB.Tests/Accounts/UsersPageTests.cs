using System.Text.RegularExpressions;
using Bunit;
using KB.Tests.Components;
using KB.Web.Features.Accounts;
using KB.Web.Features.Audit;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace KB.Tests.Accounts;

/// <summary>The users page as an admin works it in the live page: invitations, roles and disabling, each confirmed first.</summary>
public sealed partial class UsersPageTests : AppPageTestContext
{
    private async Task<(IRenderedComponent<MudBlazor.MudDialogProvider> Dialogs, IRenderedComponent<UsersPage> Page)> OpenAsAdminAsync()
    {
        SignIn(await AdminAsync());
        var (dialogs, page) = RenderWithDialogs<UsersPage>();
        page.WaitForAssertion(() => Assert.Contains(KbApp.AdminEmail, page.Markup));
        return (dialogs, page);
    }

    private static void Confirm(IRenderedComponent<MudBlazor.MudDialogProvider> dialogs, string question, string answer)
    {
        dialogs.WaitForAssertion(() => Assert.Contains(question, dialogs.Markup));
        Click(dialogs, answer);
        dialogs.WaitForAssertion(() => Assert.DoesNotContain(question, dialogs.Markup));
    }

    private async Task<Account?> FindAsync(string id)
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<UserManager<Account>>().FindByIdAsync(id);
    }

    [Fact]
    public async Task An_invitation_is_confirmed_then_shows_its_one_time_link_and_is_audited()
    {
        var (dialogs, page) = await OpenAsAdminAsync();

        await TypeAsync(page, "Email", "someone@example.test");
        await ChooseAsync(page, "Role", Roles.Viewer);
        Click(page, "Create invitation link");
        Confirm(dialogs, "Invite someone@example.test?", "Create link");

        page.WaitForAssertion(() => Assert.Matches(InviteLink(), page.Find("pre.token-secret code").TextContent));
        Assert.Contains("someone@example.test as Viewer", page.Markup);
        var audit = Assert.Single(await AuditAsync(AuditActions.UserInvited));
        Assert.Equal(("Admin", "Invited someone@example.test as Viewer"), (audit.Actor, audit.Summary));
    }

    [Fact]
    public async Task A_cancelled_invitation_creates_nothing_and_a_bad_email_is_named_beside_the_field()
    {
        var (dialogs, page) = await OpenAsAdminAsync();

        await TypeAsync(page, "Email", "someone@example.test");
        Click(page, "Create invitation link");
        Confirm(dialogs, "Invite someone@example.test?", "Cancel");
        await TypeAsync(page, "Email", "not an email");
        Click(page, "Create invitation link");

        page.WaitForAssertion(() => Assert.Contains("mud-input-error", page.Find("#invite-email").ParentElement!.ClassName));
        Assert.Empty(page.FindAll("pre.token-secret"));
        Assert.Empty(await AuditAsync(AuditActions.UserInvited));
    }

    [Fact]
    public async Task An_admin_sets_roles_and_disables_users_audited_with_before_and_after_but_not_the_last_admin()
    {
        var responder = await App.CreateAsync(Roles.Responder, "Pat Audit");
        var (dialogs, page) = await OpenAsAdminAsync();
        page.WaitForAssertion(() => Assert.Contains("Pat Audit", page.Markup));

        Click(page, "Change role of Pat Audit");
        dialogs.WaitForAssertion(() => Assert.Contains("Change the role of Pat Audit", dialogs.Markup));
        await ChooseAsync(dialogs, "Role", Roles.Editor);
        Click(dialogs, "Set role");
        page.WaitForAssertion(() => Assert.Contains(Snackbar.ShownSnackbars, snackbar => snackbar.Message?.StartsWith("Pat Audit is now Editor", StringComparison.Ordinal) == true));
        Assert.Equal(Roles.Editor, (await FindAsync(responder.Id))!.Role);
        var role = Assert.Single(await AuditAsync(AuditActions.UserRole));
        Assert.Equal(("Admin", "Pat Audit is now Editor"), (role.Actor, role.Summary));
        Assert.Contains("Responder", role.BeforeJson);
        Assert.Contains("Editor", role.AfterJson);

        Click(page, "Disable Pat Audit");
        Confirm(dialogs, "Disable Pat Audit?", "Disable");
        page.WaitForAssertion(() => Assert.Contains(Snackbar.ShownSnackbars, snackbar => snackbar.Message?.StartsWith("Pat Audit is disabled", StringComparison.Ordinal) == true));
        Assert.True((await FindAsync(responder.Id))!.IsDisabled);
        Assert.Single(await AuditAsync(AuditActions.UserDisabled));
        page.WaitForAssertion(() => Click(page, "Enable Pat Audit"));
        Confirm(dialogs, "Enable Pat Audit?", "Enable");
        page.WaitForAssertion(() => Assert.Single(page.FindAll("button"), button => button.GetAttribute("aria-label") == "Disable Pat Audit"));
        Assert.False((await FindAsync(responder.Id))!.IsDisabled);

        Click(page, "Change role of Admin");
        dialogs.WaitForAssertion(() => Assert.Contains("Change the role of Admin", dialogs.Markup));
        await ChooseAsync(dialogs, "Role", Roles.Viewer);
        Click(dialogs, "Set role");
        page.WaitForAssertion(() => Assert.Contains(Snackbar.ShownSnackbars, snackbar => snackbar.Message?.Contains("last admin", StringComparison.Ordinal) == true));
        Assert.Equal(Roles.Admin, (await AdminAsync()).Role);
    }

    [Fact]
    public async Task A_cancelled_disable_changes_nothing()
    {
        var responder = await App.CreateAsync(Roles.Responder, "Kim Stays");
        var (dialogs, page) = await OpenAsAdminAsync();
        page.WaitForAssertion(() => Assert.Contains("Kim Stays", page.Markup));

        Click(page, "Disable Kim Stays");
        Confirm(dialogs, "Disable Kim Stays?", "Cancel");

        Assert.False((await FindAsync(responder.Id))!.IsDisabled);
        Assert.Empty(await AuditAsync(AuditActions.UserDisabled));
    }

    [Fact]
    public async Task After_the_session_ends_a_confirmed_change_is_refused()
    {
        var responder = await App.CreateAsync(Roles.Responder, "Lee Late");
        var (dialogs, page) = await OpenAsAdminAsync();
        page.WaitForAssertion(() => Assert.Contains("Lee Late", page.Markup));

        Click(page, "Disable Lee Late");
        dialogs.WaitForAssertion(() => Assert.Contains("Disable Lee Late?", dialogs.Markup));
        Authorization.SetNotAuthorized();
        Click(dialogs, "Disable");

        page.WaitForAssertion(() => Assert.Contains(Snackbar.ShownSnackbars, snackbar => snackbar.Message?.StartsWith("Your session has ended", StringComparison.Ordinal) == true));
        Assert.False((await FindAsync(responder.Id))!.IsDisabled);
    }

    [GeneratedRegex(@"^http://localhost/account/invite/[A-Za-z0-9_\-]+$")]
    private static partial Regex InviteLink();
}
