using System.Text.RegularExpressions;

namespace KB.Web.Features.Triage.Hops;

/// <summary>
/// Names the hop that generated the error in a paste of error pages, headers, <c>curl</c> output and log lines. The
/// generator is the component whose page, header or log line it is, not those that passed it on: a branded page beats
/// a log line, which beats the <c>Server</c> header, which beats the relay headers every hop on the way adds. Among
/// marks of the same strength, a hop built on another (Kong and OpenResty on nginx, Fastly on Varnish) wins over the
/// one it is built on, then the mark seen first.
/// </summary>
public static partial class HopReader
{
    private const int EvidenceLength = 200;

    public static Hop? Read(string text) => Read(PastedText.Read(text));

    public static Hop? Read(PastedText pasted)
    {
        var marks = new List<Hop>();
        for (var i = 0; i < pasted.Lines.Count; i++)
        {
            var line = pasted.Lines[i];
            // A line curl -v prints for the request it sent says nothing about who answered.
            if (string.IsNullOrWhiteSpace(line) || SentByCurl().IsMatch(line))
            {
                continue;
            }
            line = AsHeaderLine(line);
            foreach (var signature in HopSignatures.All)
            {
                if (Match(signature, line) is { Success: true } match)
                {
                    marks.Add(new Hop(signature.Component, Evidence(line, match), i + 1, signature.Mark));
                }
            }
        }
        return Strongest(marks);
    }

    private static Hop? Strongest(List<Hop> marks)
    {
        if (marks.Count == 0)
        {
            return null;
        }
        var strongest = marks.Max(mark => mark.Mark);
        var candidates = marks.Where(mark => mark.Mark == strongest).ToList();
        var components = candidates.Select(mark => mark.Component).ToHashSet();
        // Drop a hop when a hop built on it left a mark as strong: that mark is the more specific reading.
        var specific = candidates.Where(mark => !components.Any(other => HopCatalogue.Find(other).Refines.Contains(mark.Component))).ToList();
        return specific.OrderBy(mark => mark.LineNumber).First();
    }

    /// <summary>Headers logged as JSON pairs (<c>{ "value": "Netlify", "name": "Server" }</c>) read as the header line they stand for.</summary>
    private static string AsHeaderLine(string line) =>
        line.Contains("\"name\"", StringComparison.OrdinalIgnoreCase) ? JsonHeaderPair().Replace(line, "${name}: ${value}") : line;

    [GeneratedRegex(@"^> ([\w-]+: |[A-Z]+ \S+ HTTP/)")]
    private static partial Regex SentByCurl();

    [GeneratedRegex(@"\{\s*""value""\s*:\s*""(?<value>[^""]*)""\s*,\s*""name""\s*:\s*""(?<name>[^""]*)""\s*\}|\{\s*""name""\s*:\s*""(?<name>[^""]*)""\s*,\s*""value""\s*:\s*""(?<value>[^""]*)""\s*\}", RegexOptions.IgnoreCase)]
    private static partial Regex JsonHeaderPair();

    private static Match? Match(HopSignature signature, string line)
    {
        try
        {
            return signature.Pattern.Match(line);
        }
        catch (RegexMatchTimeoutException)
        {
            return null;
        }
    }

    private static string Evidence(string line, Match match)
    {
        var trimmed = line.Trim();
        if (trimmed.Length <= EvidenceLength)
        {
            return trimmed;
        }
        var start = Math.Max(0, Math.Min(match.Index - 40, line.Length - EvidenceLength));
        var excerpt = line.Substring(start, Math.Min(EvidenceLength, line.Length - start)).Trim();
        return (start > 0 ? "…" : "") + excerpt + (start + EvidenceLength < line.Length ? "…" : "");
    }
}
