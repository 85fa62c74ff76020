namespace KB.Web.Features.Triage.Hops;

/// <summary>The <c>hop</c> of <c>POST /api/triage</c>: the component that generated the error, its evidence, and what it means.</summary>
public sealed record HopResponse(
    string Component,
    string Evidence,
    string Name,
    string Family,
    string Where,
    IReadOnlyList<string> ReadNext,
    IReadOnlyList<HopCauseResponse> Causes)
{
    public static HopResponse? From(Hop? hop, TriageResult result) => hop is null ? null : new(
        hop.Component,
        hop.Evidence,
        hop.Entry.Name,
        hop.Entry.FamilyName,
        hop.Entry.Where,
        hop.Entry.ReadNext.Select(slug => $"/kb/{slug}").ToList(),
        HopCauses.Rank(hop, result).Select(cause => new HopCauseResponse(cause.Cause, cause.Score, $"/kb/{cause.Cause}")).ToList());
}

public sealed record HopCauseResponse(string Cause, double Score, string Article);
