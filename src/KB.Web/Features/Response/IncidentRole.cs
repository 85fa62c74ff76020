namespace KB.Web.Features.Response;

/// <summary>Who holds one of the response roles of an incident, since when. An incident has each role at most once.</summary>
public sealed class IncidentRole
{
    public int Id { get; set; }
    public int IncidentId { get; set; }
    public required string Role { get; set; }
    public required string Holder { get; set; }
    public DateTime Since { get; set; }
}

/// <summary>The response roles: the commander leads, the scribe keeps the timeline, communications tells everyone else.</summary>
public static class ResponseRoles
{
    public const string Commander = "commander";
    public const string Scribe = "scribe";
    public const string Communications = "communications";

    public static IReadOnlyList<string> All { get; } = [Commander, Scribe, Communications];

    public static string Title(string role) => role switch
    {
        Commander => "Commander",
        Scribe => "Scribe",
        Communications => "Communications",
        _ => role,
    };
}
