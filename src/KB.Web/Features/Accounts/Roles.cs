namespace KB.Web.Features.Accounts;

/// <summary>
/// The four roles, each including the ones before it: a Responder can read, an Editor can also work incidents,
/// an Admin can do everything. A user holds one role; their sign-in carries it and every role it includes,
/// so <c>[Authorize(Roles = Roles.Editor)]</c> admits admins too.
/// </summary>
public static class Roles
{
    public const string Viewer = "Viewer";
    public const string Responder = "Responder";
    public const string Editor = "Editor";
    public const string Admin = "Admin";

    private static readonly string[] Ordered = [Viewer, Responder, Editor, Admin];

    public static IReadOnlyList<string> All => Ordered;

    /// <summary>The role and every role it includes, lowest first.</summary>
    public static IEnumerable<string> Including(string role)
    {
        var level = Level(role);
        return level < 0 ? [] : All.Take(level + 1);
    }

    public static int Level(string role) => Array.FindIndex(Ordered, known => string.Equals(known, role, StringComparison.OrdinalIgnoreCase));

    public static bool IsKnown(string role) => Level(role) >= 0;
}
