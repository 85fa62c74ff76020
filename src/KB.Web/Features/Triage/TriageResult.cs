using KB.Web.Features.Triage.Hops;
using KB.Web.Features.Triage.Runbook;

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

    /// <summary>Whether the evidence is split between the first two causes, so the answer names both.</summary>
    public bool IsSplit => !UsedFullTextFallback && Candidates.Count > 1
        && Candidates[1].Score >= CloseRatio * Candidates[0].Score && !Candidates[0].NamesRootCause;

    /// <summary>When the evidence is split, the one check from the articles that tells the first two causes apart.</summary>
    public TellApartStep? TellApart { get; init; }

    /// <summary>
    /// What triage makes of the paste, in one sentence that says when it is unsure: no line names a cause, the
    /// evidence is thin, or two causes are close.
    /// </summary>
    public string Summary
    {
        get
        {
            if (Candidates.Count == 0)
            {
                return "I don't know yet: nothing in this text points to a cause.";
            }
            if (UsedFullTextFallback)
            {
                return "I don't know: no line names a cause. The causes below are only the closest articles by text.";
            }
            var first = Candidates[0];
            if (IsSplit)
            {
                return $"Likely {first.Title} or {Candidates[1].Title}: the evidence is split between them.";
            }
            if (first.Score < ThinEvidence)
            {
                return $"Unsure: only a hint points to {first.Title}.";
            }
            return $"Likely {first.Title}.";
        }
    }

    // Two causes within this share of each other's evidence are reported together; below one clear finding is thin.
    private const double CloseRatio = 0.8;
    private const double ThinEvidence = 0.75;

    /// <summary>
    /// How far the first suggestion can be trusted, calibrated on real lines the engine had not seen (docs/triage.md):
    /// "high" when a signature or reader points at the cause with most of the evidence, no close second and more
    /// than a hint; "medium" when it points there with a fair share; "low" when only text search answered.
    /// </summary>
    public string ConfidenceLevel => Candidates.Count == 0
        ? "low"
        : Level(Candidates[0].Confidence, Candidates[0].Score, Candidates.Count > 1 ? Candidates[1].Score : null, Candidates[0].NamesRootCause, UsedFullTextFallback);

    /// <summary>The calibrated level of a first suggestion, from what the engine reports of it and of the second one.</summary>
    public static string Level(double confidence, double score, double? secondScore, bool namesRootCause, bool fullText)
    {
        if (fullText)
        {
            return "low";
        }
        var close = secondScore >= CloseRatio * score && !namesRootCause;
        if (confidence >= 0.7 && score >= ThinEvidence && !close)
        {
            return "high";
        }
        return confidence >= 0.4 || namesRootCause ? "medium" : "low";
    }

    /// <summary>What "high", "medium" or "low" has meant on real lines, for the reader of the answer.</summary>
    public string ConfidenceNote => ConfidenceLevel switch
    {
        "high" => "High confidence: on real 502 lines it had not seen, a high answer was right 113 times in 115.",
        "medium" => "Medium confidence: a signature points here, but the evidence is thin or shared with another cause.",
        _ => "Low confidence: no signature points to one cause; check the candidates against the article.",
    };

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
    IReadOnlyList<RunbookStep> Steps)
{
    /// <summary>Whether a line names this cause as the root cause (an app server's own message), not only a symptom.</summary>
    public bool NamesRootCause => Evidence.Count > 0 && Score > 0 && RootCause;

    /// <summary>Set by the engine when the strongest finding of this cause is a root-cause message.</summary>
    public bool RootCause { get; init; }

    /// <summary>The first steps of the cause's checklist, with the values read from the paste filled in.</summary>
    public IReadOnlyList<string> FirstSteps => Steps.Select(step => step.Text).ToList();

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

/// <summary>The check that separates two close causes, its command filled with the values read from the paste.</summary>
public sealed record TellApartStep(string First, string Second, RunbookStep Check, string Reading);

public sealed record EmitterCount(string Emitter, int Lines);
