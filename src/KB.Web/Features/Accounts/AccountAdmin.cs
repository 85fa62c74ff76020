using KB.Web.Data;
using KB.Web.Features.Audit;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace KB.Web.Features.Accounts;

/// <summary>Creating users (first admin, invitations), roles and disabling: the rules an admin works within.</summary>
public sealed class AccountAdmin(UserManager<Account> users, KbDb db, SessionStore sessions, AuditLog audit, TimeProvider clock)
{
    public static readonly TimeSpan InvitationLifetime = TimeSpan.FromDays(7);

    private static readonly SemaphoreSlim FirstAdminLock = new(1, 1);

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public Task<bool> AnyUsersAsync() => db.Users.AnyAsync();

    /// <summary>Creates the first admin, only while there are no users at all: the one-time set-up.</summary>
    public async Task<AccountResult> CreateFirstAdminAsync(string? email, string? displayName, string? password)
    {
        await FirstAdminLock.WaitAsync();
        try
        {
            return await AnyUsersAsync()
                ? AccountResult.Fail("", "The app is already set up: sign in instead.")
                : await CreateAsync(email, displayName, password, Roles.Admin);
        }
        finally
        {
            FirstAdminLock.Release();
        }
    }

    public async Task<AccountResult> CreateAsync(string? email, string? displayName, string? password, string role)
    {
        var problems = new Dictionary<string, string>();
        var cleanEmail = email?.Trim() ?? "";
        var cleanName = displayName?.Trim() ?? "";
        if (EmailProblem(cleanEmail) is { } emailProblem)
        {
            problems["email"] = emailProblem;
        }
        if (await DisplayNameProblemAsync(cleanName, null) is { } nameProblem)
        {
            problems["displayName"] = nameProblem;
        }
        if (PasswordRules.Problem(password, cleanEmail, cleanName) is { } passwordProblem)
        {
            problems["password"] = passwordProblem;
        }
        if (problems.Count > 0)
        {
            return new AccountResult(null, problems);
        }

        var account = new Account { UserName = cleanEmail, Email = cleanEmail, DisplayName = cleanName, Role = role, CreatedAt = Now, EmailConfirmed = true, LockoutEnabled = true };
        var result = await users.CreateAsync(account, password!);
        if (result.Succeeded)
        {
            await audit.RecordAsync(cleanName, AuditActions.UserCreated, AuditSubjects.User, cleanEmail, $"{cleanName} ({cleanEmail}) joined as {role}", after: new { Email = cleanEmail, DisplayName = cleanName, Role = role });
        }
        return result.Succeeded
            ? new AccountResult(account, problems)
            : AccountResult.Fail(result.Errors.Any(error => error.Code.Contains("Email") || error.Code.Contains("UserName")) ? "email" : "password",
                string.Join(" ", result.Errors.Select(error => error.Code is "DuplicateUserName" or "DuplicateEmail" ? "There is already an account with this email." : error.Description)));
    }

    /// <summary>Makes a one-time invitation link's secret; only its hash is stored.</summary>
    public async Task<(Invitation? Invitation, string? Secret, string? Problem)> InviteAsync(string? email, string? role, string invitedBy)
    {
        var cleanEmail = email?.Trim() ?? "";
        if (EmailProblem(cleanEmail) is { } problem)
        {
            return (null, null, problem);
        }
        if (role is null || !Roles.IsKnown(role))
        {
            return (null, null, "Choose one of the roles.");
        }
        if (await users.FindByEmailAsync(cleanEmail) is not null)
        {
            return (null, null, "There is already an account with this email.");
        }
        var secret = Secrets.New();
        var invitation = new Invitation
        {
            Email = cleanEmail,
            Role = Roles.All[Roles.Level(role)],
            Hash = Secrets.Hash(secret),
            CreatedBy = invitedBy,
            CreatedAt = Now,
            ExpiresAt = Now + InvitationLifetime,
        };
        db.Invitations.Add(invitation);
        await db.SaveChangesAsync();
        await audit.RecordAsync(invitedBy, AuditActions.UserInvited, AuditSubjects.User, cleanEmail, $"Invited {cleanEmail} as {invitation.Role}", after: new { invitation.Email, invitation.Role, invitation.ExpiresAt });
        return (invitation, secret, null);
    }

    public Task<Invitation?> FindInvitationAsync(string? secret) =>
        string.IsNullOrEmpty(secret) || secret.Length > 100
            ? Task.FromResult<Invitation?>(null)
            : db.Invitations.SingleOrDefaultAsync(x => x.Hash == Secrets.Hash(secret) && x.UsedAt == null && x.ExpiresAt > Now);

    public async Task<AccountResult> AcceptInvitationAsync(string? secret, string? displayName, string? password)
    {
        if (await FindInvitationAsync(secret) is not { } invitation)
        {
            return AccountResult.Fail("", InvalidInvitation);
        }
        var result = await CreateAsync(invitation.Email, displayName, password, invitation.Role);
        if (result.Account is not null)
        {
            invitation.UsedAt = Now;
            await db.SaveChangesAsync();
        }
        return result;
    }

    public const string InvalidInvitation = "This invitation link is not valid: it was used already, it expired or it is mistyped. Ask an admin for a new one.";

    public Task<List<Invitation>> PendingInvitationsAsync() =>
        db.Invitations.AsNoTracking().Where(x => x.UsedAt == null && x.ExpiresAt > Now).OrderByDescending(x => x.Id).ToListAsync();

    public Task<List<Account>> ListAsync() => db.Users.AsNoTracking().OrderBy(x => x.DisplayName).ToListAsync();

    public async Task<(Account? Account, string? Problem)> SetRoleAsync(string userId, string? role, string actingUserId, string actorName)
    {
        if (role is null || !Roles.IsKnown(role))
        {
            return (null, "Choose one of the roles.");
        }
        if (await users.FindByIdAsync(userId) is not { } account)
        {
            return (null, "There is no such user.");
        }
        var canonical = Roles.All[Roles.Level(role)];
        if (account.Role == Roles.Admin && canonical != Roles.Admin && await IsLastActiveAdminAsync(account))
        {
            return (null, "This is the last admin: make someone else an admin first.");
        }
        if (userId == actingUserId && canonical != Roles.Admin)
        {
            return (null, "You cannot take your own admin role away: ask another admin.");
        }
        var before = account.Role;
        account.Role = canonical;
        await users.UpdateAsync(account);
        await audit.RecordAsync(actorName, AuditActions.UserRole, AuditSubjects.User, account.Email!, $"{account.DisplayName} is now {canonical}", new { Role = before }, new { Role = canonical });
        await sessions.EndAllAsync(account.Id); // the new role takes effect at the next sign-in, so end the old ones
        return (account, null);
    }

    public async Task<(Account? Account, string? Problem)> SetDisabledAsync(string userId, bool disabled, string actingUserId, string actorName)
    {
        if (await users.FindByIdAsync(userId) is not { } account)
        {
            return (null, "There is no such user.");
        }
        if (disabled && userId == actingUserId)
        {
            return (null, "You cannot disable yourself.");
        }
        if (disabled && account.Role == Roles.Admin && await IsLastActiveAdminAsync(account))
        {
            return (null, "This is the last admin: make someone else an admin first.");
        }
        var before = account.DisabledAt;
        account.DisabledAt = disabled ? Now : null;
        await users.UpdateAsync(account);
        await audit.RecordAsync(actorName, disabled ? AuditActions.UserDisabled : AuditActions.UserEnabled, AuditSubjects.User, account.Email!,
            $"{account.DisplayName} {(disabled ? "disabled" : "enabled")}", new { DisabledAt = before }, new { account.DisabledAt });
        await users.UpdateSecurityStampAsync(account);
        if (disabled)
        {
            await sessions.EndAllAsync(account.Id);
        }
        return (account, null);
    }

    public async Task<string?> DisplayNameProblemAsync(string name, string? exceptUserId)
    {
        if (name.Length == 0)
        {
            return "Enter the name your team knows you by.";
        }
        if (LengthLimit.Problem(name, Account.MaxDisplayNameLength, "The name") is { } tooLong)
        {
            return tooLong;
        }
        if (name.Any(char.IsControl))
        {
            return "The name cannot contain control characters.";
        }
        var taken = await db.Users.AnyAsync(x => x.DisplayName.ToLower() == name.ToLower() && x.Id != exceptUserId);
        return taken ? "Someone on the team already uses this name: add an initial." : null;
    }

    public static string? EmailProblem(string email) => email switch
    {
        "" => "Enter an email address.",
        { Length: > Account.MaxEmailLength } => LengthLimit.Problem(email, Account.MaxEmailLength, "The email"),
        _ when !IsEmail(email) => "Enter an email address like name@example.com.",
        _ => null,
    };

    private static bool IsEmail(string email)
    {
        var at = email.IndexOf('@');
        return at > 0 && at == email.LastIndexOf('@') && at < email.Length - 1 && !email.Any(c => char.IsWhiteSpace(c) || char.IsControl(c));
    }

    private async Task<bool> IsLastActiveAdminAsync(Account account) =>
        !await db.Users.AnyAsync(x => x.Id != account.Id && x.Role == Roles.Admin && x.DisabledAt == null);
}

/// <summary>A created account, or the problems by field name ("" for the form as a whole).</summary>
public sealed record AccountResult(Account? Account, IReadOnlyDictionary<string, string> Problems)
{
    public static AccountResult Fail(string field, string problem) => new(null, new Dictionary<string, string> { [field] = problem });
}
