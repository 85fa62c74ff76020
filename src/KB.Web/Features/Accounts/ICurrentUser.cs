namespace KB.Web.Features.Accounts;

/// <summary>Who is acting: the name that goes on the timeline, the checklist and the audit trail, and what they may do.</summary>
public interface ICurrentUser
{
    /// <summary>The display name of the signed-in user (or the API token's name), or null once the session has ended.</summary>
    Task<string?> NameAsync();

    /// <summary>Whether the signed-in user holds the role (directly or through a higher one) right now.</summary>
    Task<bool> CanAsync(string role);
}
