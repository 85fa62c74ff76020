using System.Text.RegularExpressions;
using KB.Web.Features.Knowledge;
using KB.Web.Features.Triage.Hops;
using KB.Web.Features.Triage.Readers;
using KB.Web.Features.Triage.Runbook;

namespace KB.Web.Features.Triage;

/// <summary>
/// Suggests the likely cause of a pasted log excerpt. Each line is read by the cause articles' signatures and by
/// readers of codes that carry meaning; per cause, a line counts with its strongest finding, and lines add up.
/// When nothing matches, the knowledge base's full-text search stands in, marked as low confidence.
/// </summary>
public sealed class TriageEngine(KnowledgeBase knowledgeBase, SearchIndex searchIndex)
{
    public const int MaxCandidates = 5;
    private const int MaxEvidencePerCause = 5;
    private const int FirstStepCount = 3;

    // A signature written for another emitter than the one recognised still counts, a little less.
    private const double OtherEmitterWeight = 0.8;

    // The most a cause found only by text search can be trusted: always "low".
    private const double FullTextConfidence = 0.3;

    private static readonly IFindingReader[] Readers =
    [
        new HaproxyTerminationState(),
        new EnvoyResponseFlags(),
        new AwsAlbLogEntry(),
        new GcpStatusDetails(),
        new IisStatus(),
        new CloudflareErrors(),
        new PlatformErrors(),
        new SystemErrors(),
    ];

    private SignatureSet? _signatures;

    public async Task<TriageResult> TriageAsync(string text, CancellationToken cancellationToken = default)
    {
        var pasted = PastedText.Read(text);
        var signatures = CurrentSignatures();
        var lineEmitters = new string?[pasted.Lines.Count];
        var causes = new Dictionary<string, CauseTally>();

        for (var i = 0; i < pasted.Lines.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var line = pasted.Lines[i];
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }
            var emitter = lineEmitters[i] = EmitterDetector.Detect(line);
            foreach (var strongest in Findings(line, emitter, signatures).GroupBy(finding => finding.Cause).Select(group => group.MaxBy(finding => finding.Weight)!))
            {
                if (!causes.TryGetValue(strongest.Cause, out var tally))
                {
                    causes[strongest.Cause] = tally = new CauseTally();
                }
                tally.Add(strongest.Weight, new Evidence(i + 1, line, strongest.MatchStart, strongest.MatchLength, emitter, strongest.Reason));
            }
        }

        var emitters = lineEmitters.OfType<string>().GroupBy(emitter => emitter)
            .Select(group => new EmitterCount(group.Key, group.Count()))
            .OrderByDescending(count => count.Lines)
            .ToList();

        var values = PasteValues.Read(pasted.Lines);
        if (causes.Count > 0)
        {
            var result = new TriageResult(Rank(causes, signatures.Catalog, values), emitters, pasted.Lines.Count, pasted.TotalLines, pasted.LinesCut, UsedFullTextFallback: false) { Hop = HopReader.Read(pasted) };
            return result.IsSplit ? result with { TellApart = TellApart(result.Candidates[0].Cause, result.Candidates[1].Cause, signatures.Catalog, values) } : result;
        }
        var fallback = await FullTextCandidatesAsync(pasted, signatures.Catalog, values, cancellationToken);
        return new TriageResult(fallback, emitters, pasted.Lines.Count, pasted.TotalLines, pasted.LinesCut, UsedFullTextFallback: true) { Hop = HopReader.Read(pasted) };
    }

    /// <summary>Compiles the signatures ahead of the first paste, which would otherwise wait most of a second for it.</summary>
    public void WarmUp() => CurrentSignatures();

    private SignatureSet CurrentSignatures()
    {
        var catalog = knowledgeBase.Current;
        var current = _signatures;
        if (current is null || !ReferenceEquals(current.Catalog, catalog))
        {
            _signatures = current = SignatureSet.Compile(catalog);
        }
        return current;
    }

    private static IEnumerable<Finding> Findings(string line, string? emitter, SignatureSet signatures)
    {
        var lineIsAscii = System.Text.Ascii.IsValid(line);
        foreach (var signature in signatures.Signatures)
        {
            if (!SignatureAnchors.MayMatch(signature.Anchors, line, lineIsAscii))
            {
                continue;
            }
            Match match;
            try
            {
                match = signature.Pattern.Match(line);
            }
            catch (RegexMatchTimeoutException)
            {
                continue;
            }
            if (match.Success)
            {
                var weight = EmitterDetector.Fits(signature.Emitter, emitter) ? 1.0 : OtherEmitterWeight;
                yield return new Finding(signature.Cause, weight, match.Index, match.Length, $"{signature.Emitter} signature of this cause");
            }
        }
        foreach (var reader in Readers)
        {
            foreach (var finding in reader.Read(line))
            {
                yield return finding;
            }
        }
    }

    private static List<TriageCandidate> Rank(Dictionary<string, CauseTally> causes, ArticleCatalog catalog, IReadOnlyList<PasteValue> values)
    {
        var total = causes.Values.Sum(tally => tally.Score);
        // A line that names the root cause (an app server's own message) wins over the lines that show its symptoms.
        return causes
            .OrderByDescending(entry => entry.Value.StrongestWeight > 1.0 ? entry.Value.StrongestWeight : 0)
            .ThenByDescending(entry => entry.Value.Score)
            .ThenByDescending(entry => entry.Value.StrongestWeight)
            // Still level: the cause seen first wins, as a proxy logs the specific line before its generic follow-up.
            .ThenBy(entry => entry.Value.FirstLine)
            .ThenBy(entry => entry.Key, StringComparer.Ordinal)
            .Take(MaxCandidates)
            .Select(entry =>
            {
                var (cause, tally) = entry;
                // Confidence is the cause's share of all evidence, held down while the evidence is thin.
                var confidence = Math.Min(1.0, tally.Score / total * Math.Min(1.0, tally.Score));
                return Candidate(cause, tally.Score, confidence, tally.BestEvidence(MaxEvidencePerCause), catalog, values) with { RootCause = tally.StrongestWeight > 1.0 };
            })
            .ToList();
    }

    private async Task<List<TriageCandidate>> FullTextCandidatesAsync(PastedText pasted, ArticleCatalog catalog, IReadOnlyList<PasteValue> values, CancellationToken cancellationToken)
    {
        var query = string.Join(' ', pasted.Lines.Where(line => !string.IsNullOrWhiteSpace(line)).Take(20));
        var results = await searchIndex.SearchAsync(query, new SearchFilter(ArticleCategory.Cause), 3, cancellationToken);
        // A word found in every cause article (a letter, "and") scores nothing: it points to no cause, so none is ranked.
        var scored = results.Where(result => result.Score > 0 && double.IsFinite(result.Score)).ToList();
        if (scored.Count == 0)
        {
            return [];
        }
        var best = scored[0].Score;
        return scored
            .Select(result => Candidate(result.Slug, result.Score, FullTextConfidence * result.Score / best, [], catalog, values))
            .ToList();
    }

    // The first cause's article is asked first how to tell it from the second; else the second's, from the first.
    private static TellApartStep? TellApart(string first, string second, ArticleCatalog catalog, IReadOnlyList<PasteValue> values)
    {
        var check = catalog.Find(first)?.TellApart.FirstOrDefault(check => check.From == second)
            ?? catalog.Find(second)?.TellApart.FirstOrDefault(check => check.From == first);
        return check is null ? null : new TellApartStep(first, second, RunbookFiller.Fill(check.Check, values), check.Reading);
    }

    private static TriageCandidate Candidate(string cause, double score, double confidence, IReadOnlyList<Evidence> evidence, ArticleCatalog catalog, IReadOnlyList<PasteValue> values)
    {
        var article = catalog.Find(cause);
        return new TriageCandidate(
            cause,
            article?.Title ?? cause,
            Math.Round(score, 3),
            Math.Round(confidence, 3),
            evidence,
            article?.Checklist.Take(FirstStepCount).Select(step => RunbookFiller.Fill(step, values)).ToList() ?? []);
    }

    private sealed class CauseTally
    {
        private readonly List<(double Weight, Evidence Evidence)> _evidence = [];

        public double Score { get; private set; }

        public double StrongestWeight { get; private set; }

        public int FirstLine { get; private set; } = int.MaxValue;

        public void Add(double weight, Evidence evidence)
        {
            Score += weight;
            StrongestWeight = Math.Max(StrongestWeight, weight);
            FirstLine = Math.Min(FirstLine, evidence.LineNumber);
            _evidence.Add((weight, evidence));
        }

        public IReadOnlyList<Evidence> BestEvidence(int count) =>
            _evidence.OrderByDescending(item => item.Weight).ThenBy(item => item.Evidence.LineNumber).Take(count).Select(item => item.Evidence).ToList();
    }
}
