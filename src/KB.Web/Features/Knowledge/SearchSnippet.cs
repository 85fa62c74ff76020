using System.Net;
using System.Text;

namespace KB.Web.Features.Knowledge;

/// <summary>
/// The passage of an article's body with the most matched words (about 24 words), or else its summary, as HTML:
/// escaped text with the matched words in <c>&lt;mark&gt;</c>.
/// </summary>
public static class SearchSnippet
{
    private const int WindowWords = 24;
    private const string Ellipsis = "…";

    public static string For(Article article, HashSet<string> matched)
    {
        var body = Spans(article.PlainText, matched);
        if (body.Matched.Count == 0)
        {
            var summary = Spans(article.Summary, matched);
            if (summary.Matched.Count > 0 || article.Summary.Length > 0)
            {
                return Html(article.Summary, summary.Words, 0, summary.Words.Count, summary.Matched);
            }
        }
        var start = BestWindow(body.Words.Count, body.Matched);
        return Html(article.PlainText, body.Words, start, Math.Min(body.Words.Count, start + WindowWords), body.Matched);
    }

    private static (List<(int Start, int End)> Words, List<int> Matched) Spans(string text, HashSet<string> matched)
    {
        var words = new List<(int Start, int End)>();
        var hits = new List<int>();
        var lookup = matched.GetAlternateLookup<ReadOnlySpan<char>>();
        SearchTokens.ForEach(text, (word, start, end) =>
        {
            if (lookup.Contains(word))
            {
                hits.Add(words.Count);
            }
            words.Add((start, end));
        });
        return (words, hits);
    }

    /// <summary>The first word of the window that holds the most matches, starting a little before its first match.</summary>
    private static int BestWindow(int wordCount, List<int> matched)
    {
        if (matched.Count == 0)
        {
            return 0;
        }
        var (best, bestCount, last) = (matched[0], 0, 0);
        for (var first = 0; first < matched.Count; first++)
        {
            while (last < matched.Count && matched[last] < matched[first] + WindowWords)
            {
                last++;
            }
            if (last - first > bestCount)
            {
                (best, bestCount) = (matched[first], last - first);
            }
        }
        return Math.Max(0, Math.Min(best - 2, wordCount - WindowWords));
    }

    private static string Html(string text, List<(int Start, int End)> words, int first, int end, List<int> matched)
    {
        if (words.Count == 0)
        {
            return WebUtility.HtmlEncode(text.ReplaceLineEndings(" "));
        }
        var html = new StringBuilder();
        if (first > 0)
        {
            html.Append(Ellipsis);
        }
        var marks = matched.ToHashSet();
        var from = first > 0 ? words[first].Start : 0;
        for (var i = first; i < end; i++)
        {
            var (start, stop) = words[i];
            html.Append(Encode(text[from..start]));
            html.Append(marks.Contains(i) ? $"<mark>{Encode(text[start..stop])}</mark>" : Encode(text[start..stop]));
            from = stop;
        }
        if (end < words.Count)
        {
            html.Append(Ellipsis);
        }
        else
        {
            html.Append(Encode(text[from..]));
        }
        return html.ToString();
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text.ReplaceLineEndings(" "));
}
