using System.Text.RegularExpressions;

namespace KB.Web.Features.Triage.Readers;

/// <summary>Cloudflare's 52x origin errors, by code or by the sentence on their error page.</summary>
public sealed partial class CloudflareErrors : IFindingReader
{
    private static readonly Dictionary<string, (string Cause, double Weight)[]> Meanings = new()
    {
        ["520"] = [("invalid-response", 0.9), ("connection-reset", 0.6), ("application-crash", 0.4)],
        ["521"] = [("upstream-down", 1.0), ("firewall-blocked", 0.5)],
        ["522"] = [("upstream-timeout", 1.0), ("firewall-blocked", 0.6)],
        ["523"] = [("network-unreachable", 1.0), ("dns-resolution", 0.5)],
        ["524"] = [("upstream-timeout", 1.0)],
        ["525"] = [("tls-upstream", 1.0)],
        ["526"] = [("tls-upstream", 1.0)],
        ["530"] = [("dns-resolution", 0.8)],
    };

    private static readonly (string Sentence, string Code)[] Sentences =
    [
        ("unknown connection issue between Cloudflare and the origin", "520"),
        ("Web server is returning an unknown error", "520"),
        ("Web server is down", "521"),
        ("unable to establish an SSL connection to the origin", "525"),
        ("Web Server Returned an Unknown Error", "520"),
        ("Origin is unreachable", "523"),
        ("A timeout occurred", "524"),
        ("Invalid SSL certificate", "526"),
    ];

    public IEnumerable<Finding> Read(string line)
    {
        if (!line.Contains("cloudflare", StringComparison.OrdinalIgnoreCase) && !CodePattern().IsMatch(line))
        {
            yield break;
        }
        var code = CodePattern().Match(line);
        var (start, length, value) = code.Success ? (code.Index, code.Length, code.Groups["code"].Value) : (-1, 0, "");
        if (!code.Success)
        {
            foreach (var (sentence, sentenceCode) in Sentences)
            {
                var at = line.IndexOf(sentence, StringComparison.OrdinalIgnoreCase);
                if (at >= 0)
                {
                    (start, length, value) = (at, sentence.Length, sentenceCode);
                    break;
                }
            }
        }
        if (start < 0 || !Meanings.TryGetValue(value, out var meanings))
        {
            yield break;
        }
        foreach (var (cause, weight) in meanings)
        {
            yield return new Finding(cause, weight, start, length, $"Cloudflare error {value}");
        }
    }

    [GeneratedRegex(@"\b(?:Error|error code|reference number|HTTP(?:/[\d.]+)?)\s*:?\s*(?<code>52[0-6]|530)\b", RegexOptions.IgnoreCase)]
    private static partial Regex CodePattern();
}
