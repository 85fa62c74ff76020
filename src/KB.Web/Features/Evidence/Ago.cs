namespace KB.Web.Features.Evidence;

public static class Ago
{
    /// <summary>"today", "yesterday", "12 days ago": as precise as the age of a runbook needs.</summary>
    public static string Days(DateTime at, DateTime now) => (int)Math.Floor((now - at).TotalDays) switch
    {
        <= 0 => "today",
        1 => "yesterday",
        var days => $"{days} days ago",
    };
}
