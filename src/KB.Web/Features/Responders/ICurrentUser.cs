namespace KB.Web.Features.Responders;

/// <summary>
/// Who is acting: the name that goes on the timeline and the checklist. Today it is the display name a responder
/// gave once (kept in a cookie); accounts replace the implementation, not the features that ask.
/// </summary>
public interface ICurrentUser
{
    /// <summary>The display name, or null when the person has not said who they are yet.</summary>
    Task<string?> NameAsync();
}
