using System.Text;
using System.Text.RegularExpressions;
using KB.Web.Features.Knowledge;

namespace KB.Web.Features.Triage.Unexplained;

/// <summary>
/// A first draft of a signature for an unexplained line: the masked line as a regular expression, its markers
/// widened to what they stand for (<c>&lt;n&gt;</c> to <c>\d+</c>, an address to any address), for an editor to trim
/// to the words that name the cause.
/// </summary>
public static partial class SignatureDraft
{
    public static string Pattern(string masked)
    {
        var text = LeadingTime().Replace(masked, "");
        var pattern = new StringBuilder();
        var at = 0;
        foreach (Match marker in Marker().Matches(text))
        {
            pattern.Append(Escape(text[at..marker.Index]));
            pattern.Append(marker.Groups["kind"].Value switch
            {
                "n" => @"\d+(?:\.\d+)?",
                "port" => @"\d+",
                "time" => @"[\d:.,/ TZ+-]+",
                _ => @"\S+",
            });
            at = marker.Index + marker.Length;
        }
        pattern.Append(Escape(text[at..]));
        return pattern.ToString();
    }

    /// <summary>The emitter a signature names: the one the line's shape showed, or "generic".</summary>
    public static string Emitter(string? detected) =>
        detected is not null && ArticleParser.KnownEmitters.Contains(detected) ? detected : "generic";

    /// <summary>
    /// The article's Markdown with one more entry at the end of its <c>signatures:</c> list (a new list when it has
    /// none), or the text unchanged when it has no front matter to add to.
    /// </summary>
    public static string AddTo(string markdown, string emitter, string pattern)
    {
        var newline = markdown.Contains("\r\n") ? "\r\n" : "\n";
        var lines = markdown.Split('\n').Select(line => line.TrimEnd('\r')).ToList();
        if (lines.Count < 2 || lines[0] != "---")
        {
            return markdown;
        }
        var end = lines.IndexOf("---", 1);
        if (end < 0)
        {
            return markdown;
        }
        string[] entry = [$"  - emitter: {emitter}", $"    pattern: '{pattern.Replace("'", "''")}'"];
        var list = lines.FindIndex(1, end - 1, line => line.TrimEnd() == "signatures:");
        if (list < 0)
        {
            lines.InsertRange(end, ["signatures:", .. entry]);
        }
        else
        {
            var after = list + 1;
            while (after < end && (lines[after].StartsWith(' ') || lines[after].StartsWith('-')))
            {
                after++;
            }
            lines.InsertRange(after, entry);
        }
        return string.Join(newline, lines);
    }

    private static string Escape(string text) => RegexSpecial().Replace(text, @"\$0");

    [GeneratedRegex(@"<(?<kind>n|port|ip|id|token|secret|email|host|query|time)>", RegexOptions.CultureInvariant)]
    private static partial Regex Marker();

    [GeneratedRegex(@"^(?:\[?<time>\]?\s*)+", RegexOptions.CultureInvariant)]
    private static partial Regex LeadingTime();

    [GeneratedRegex(@"[\\*+?|{}\[\]()^$.#]", RegexOptions.CultureInvariant)]
    private static partial Regex RegexSpecial();
}
