namespace KB.Web.Features.Triage;

/// <summary>The likely causes of a pasted log excerpt, best first, and what was read to find them.</summary>
public sealed record TriageResult(
    IReadOnlyList<TriageCandidate> Candidates,
    IReadOnlyList<EmitterCount> Emitters,
    int LinesRead,
    int TotalLines,
    bool Truncated,
    bool UsedFullTextFallback)
{
    /// <summary>Says which part of a long paste was read, e.g. "first 2,000 of 48,210 lines read".</summary>
    public string? ReadNote => Truncated ? $"first {LinesRead:N0} of {TotalLines:N0} lines read" : null;
}

public sealed record TriageCandidate(
    string Cause,
    string Title,
    double Score,
    double Confidence,
    IReadOnlyList<Evidence> Evidence,
    IReadOnlyList<string> FirstSteps)
{
    public string ConfidenceLabel => Confidence switch
    {
        >= 0.7 => "high",
        >= 0.4 => "medium",
        _ => "low",
    };
}

/// <summary>What in one pasted line points at a cause: the matched text and why it counts.</summary>
public sealed record Evidence(int LineNumber, string Line, int MatchStart, int MatchLength, string? Emitter, string Reason)
{
    public string MatchedText => Line.Substring(MatchStart, MatchLength);
}

public sealed record EmitterCount(string Emitter, int Lines);
