using KB.Web.Features.Triage.Hops;
using Microsoft.AspNetCore.Http.HttpResults;

namespace KB.Web.Features.Triage;

public static class TriageApi
{
    public static IEndpointRouteBuilder MapTriageApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/triage", TriageAsync);
        return endpoints;
    }

    private static async Task<Results<Ok<TriageResponse>, ValidationProblem>> TriageAsync(TriageRequest? request, TriageEngine engine, Unexplained.UnexplainedLines unexplained, CancellationToken cancellationToken)
    {
        if (request?.Text is not { } text || string.IsNullOrWhiteSpace(text))
        {
            return Problem("Paste at least one log line in \"text\".");
        }
        if (System.Text.Encoding.UTF8.GetByteCount(text) is var bytes and > PastedText.MaxBytes)
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]>
                {
                    ["text"] = [$"\"text\" can be at most {PastedText.MaxBytes:N0} bytes ({PastedText.MaxBytes / (1024 * 1024)} MB) of UTF-8; this one has {bytes:N0}. Send the lines around the failure: triage reads the first {PastedText.MaxLines:N0} lines."],
                },
                title: "Too much to triage");
        }
        if (PastedText.LooksBinary(text))
        {
            return Problem("The text looks like binary data, not log lines. Paste the lines as text.");
        }
        var result = await engine.TriageAsync(text, cancellationToken);
        await unexplained.RecordAsync(text, result, cancellationToken);
        return TypedResults.Ok(TriageResponse.From(result));
    }

    private static ValidationProblem Problem(string detail) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["text"] = [detail] }, detail, title: "Nothing to triage");

    public sealed record TriageRequest(string? Text);

    public sealed record TriageResponse(
        IReadOnlyList<CandidateResponse> Candidates, IReadOnlyList<EmitterCount> Emitters, int LinesRead, int TotalLines, int LinesCut, bool Truncated, string? Note, bool LowConfidence, string? NoEvidence, string Summary, HopResponse? Hop, string Confidence, TellApartResponse? TellApart)
    {
        public static TriageResponse From(TriageResult result) => new(
            result.Candidates.Select(candidate => new CandidateResponse(
                candidate.Cause,
                candidate.Title,
                candidate.Score,
                candidate.Confidence,
                candidate.ConfidenceLabel,
                candidate.Evidence.Select(evidence => $"line {evidence.LineNumber}: {evidence.MatchedText} ({evidence.Reason})").ToList(),
                $"/kb/{candidate.Cause}",
                candidate.FirstSteps,
                candidate.Steps)).ToList(),
            result.Emitters,
            result.LinesRead,
            result.TotalLines,
            result.LinesCut,
            result.Truncated,
            result.ReadNote,
            result.UsedFullTextFallback,
            result.NoEvidence,
            result.Summary,
            HopResponse.From(result.Hop, result),
            result.ConfidenceLevel,
            result.TellApart is { } tellApart ? new TellApartResponse([tellApart.First, tellApart.Second], tellApart.Check.Text, tellApart.Reading, tellApart.Check.Filled) : null);
    }

    /// <summary>The check that tells the first two causes apart when the evidence is split between them.</summary>
    public sealed record TellApartResponse(IReadOnlyList<string> Causes, string Check, string Reading, IReadOnlyList<Runbook.PasteValue> Filled);

    public sealed record CandidateResponse(string Cause, string Title, double Score, double Confidence, string ConfidenceLabel, IReadOnlyList<string> Evidence, string Article, IReadOnlyList<string> FirstSteps, IReadOnlyList<Runbook.RunbookStep> Steps);
}
