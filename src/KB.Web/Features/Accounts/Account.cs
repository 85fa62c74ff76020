using Microsoft.AspNetCore.Identity;

namespace KB.Web.Features.Accounts;

/// <summary>A person who signs in. The email is the user name; the display name goes on timelines and checklists.</summary>
public sealed class Account : IdentityUser
{
    public const int MaxDisplayNameLength = 80;
    public const int MaxEmailLength = 254;

    public string DisplayName { get; set; } = "";

    /// <summary>One of <see cref="Roles.All"/>; the sign-in carries it and every role it includes.</summary>
    public string Role { get; set; } = Roles.Viewer;

    public DateTime CreatedAt { get; set; }

    public DateTime? DisabledAt { get; set; }

    public DateTime? LastSignInAt { get; set; }

    public bool IsDisabled => DisabledAt is not null;
}

/// <summary>A signed-in browser, kept on the server so that signing out, or being disabled, ends it at once.</summary>
public sealed class Session
{
    public string Id { get; set; } = "";
    public string UserId { get; set; } = "";
    public byte[] Ticket { get; set; } = [];
    public DateTime CreatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
}

/// <summary>A personal API token; only its SHA-256 hash is kept, the token itself is shown once.</summary>
public sealed class ApiToken
{
    public int Id { get; set; }
    public string UserId { get; set; } = "";
    public string Name { get; set; } = "";
    public string Hash { get; set; } = "";
    public string Prefix { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime? LastUsedAt { get; set; }
    public DateTime? RevokedAt { get; set; }
}

/// <summary>A one-time link an admin hands to a new team member; only its hash is kept.</summary>
public sealed class Invitation
{
    public int Id { get; set; }
    public string Email { get; set; } = "";
    public string Role { get; set; } = Roles.Viewer;
    public string Hash { get; set; } = "";
    public string CreatedBy { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
    public DateTime? UsedAt { get; set; }
}
