namespace KB.Web.Features.Triage.Hops;

/// <summary>
/// Ranks the causes that fit a hop with the log evidence pasted beside its page or headers. It composes with the cause
/// engine instead of changing it: the engine's candidates whose cause can show up at that hop keep the engine's order
/// (their score is the log evidence), and the hop's usual causes no line pointed to follow, unscored.
/// </summary>
public static class HopCauses
{
    public static IReadOnlyList<HopCause> Rank(Hop hop, TriageResult result)
    {
        var fitting = hop.Entry.FittingCauses;
        var evidenced = result.UsedFullTextFallback
            ? []
            : result.Candidates.Where(candidate => fitting.Contains(candidate.Cause))
                .Select(candidate => new HopCause(candidate.Cause, candidate.Score))
                .ToList();
        var rest = fitting.Where(cause => evidenced.All(found => found.Cause != cause)).Select(cause => new HopCause(cause, 0));
        return [.. evidenced, .. rest];
    }
}

/// <summary>A cause that fits a hop, with the score the pasted log lines gave it (0 when no line pointed to it).</summary>
public sealed record HopCause(string Cause, double Score)
{
    public bool HasEvidence => Score > 0;
}
