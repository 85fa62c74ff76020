using KB.Web.Features.Incidents;

namespace KB.Web.Features.Evidence;

/// <summary>What the incidents linked to a cause say about it: how many, how long they took, what fixed them, when the last began.</summary>
public sealed record CauseRecord(int Incidents, DurationStat TimeToResolve, FixCount? MostOftenFixedBy, DateTime? LastSeen)
{
    public static CauseRecord None { get; } = new(0, new DurationStat(null, 0), null, null);
}

/// <summary>A checklist step as the article shows it, and how many resolved incidents it fixed.</summary>
public sealed record FixCount(string Step, int Times);
