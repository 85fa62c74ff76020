using KB.Web.Features.Triage.Hops;

namespace KB.Web.Features.Triage;

/// <summary>The likely causes of a pasted log excerpt, best first, and what was read to find them.</summary>
public sealed record TriageResult(
    IReadOnlyList<TriageCandidate> Candidates,
    IReadOnlyList<EmitterCount> Emitters,
    int LinesRead,
    int TotalLines,
    int LinesCut,
    bool UsedFullTextFallback)
{
    /// <summary>What triage says of a paste in which no line points to a cause.</summary>
    public const string NoEvidenceMessage = "Nothing in this text points to a cause yet. Paste the proxy's error log line for the failing request, not only the access log.";

    /// <summary>The hop that generated the error, when the paste shows it (an error page, a header, a log line's shape).</summary>
    public Hop? Hop { get; init; }

    public bool Truncated => TotalLines > LinesRead || LinesCut > 0;

    /// <summary>Says that nothing in the paste points to a cause, or null when some candidate does.</summary>
    public string? NoEvidence => Candidates.Count == 0 ? NoEvidenceMessage : null;

    /// <summary>Says which part of a long paste was read, e.g. "Read the first 2,000 of 48,210 lines.", or null when all of it was.</summary>
    public string? ReadNote
    {
        get
        {
            var notes = new List<string>();
            if (TotalLines > LinesRead)
            {
                notes.Add($"Read the first {LinesRead:N0} of {TotalLines:N0} lines.");
            }
            if (LinesCut > 0)
            {
                notes.Add($"{LinesCut:N0} {(LinesCut == 1 ? "line was" : "lines were")} longer than {PastedText.MaxLineLength:N0} characters: "
                    + $"only the first {PastedText.MaxLineLength:N0} of {(LinesCut == 1 ? "it" : "each")} were read.");
            }
            return notes.Count > 0 ? string.Join(' ', notes) : null;
        }
    }
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
