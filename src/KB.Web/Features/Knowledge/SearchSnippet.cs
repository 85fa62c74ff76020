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

    /// <param name="bodyPositions">Where the matched words stand in the body (word positions, ascending), from the index.</param>
    public static string For(Article article, HashSet<string> matched, List<int> bodyPositions)
    {
        if (bodyPositions.Count == 0 && article.Summary.Length > 0)
        {
            return Html(article.Summary, 0, int.MaxValue, matched);
        }
        return Html(article.PlainText, BestWindow(bodyPositions), WindowWords, matched);
    }

    /// <summary>The first word of the window that holds the most matches, starting a little before its first match.</summary>
    private static int BestWindow(List<int> positions)
    {
        var (best, bestCount, last) = (0, 0, 0);
        for (var first = 0; first < positions.Count; first++)
        {
            while (last < positions.Count && positions[last] < positions[first] + WindowWords)
            {
                last++;
            }
            if (last - first > bestCount)
            {
                (best, bestCount) = (positions[first], last - first);
            }
        }
        return Math.Max(0, best - 2);
    }

    /// <summary>Words <paramref name="first"/> to <paramref name="first"/> + <paramref name="count"/> of the text, with the text between them.</summary>
    private static string Html(string text, int first, int count, HashSet<string> matched)
    {
        var lookup = matched.GetAlternateLookup<ReadOnlySpan<char>>();
        var html = new StringBuilder();
        var (index, from, more) = (0, 0, false);
        SearchTokens.ForEach(text, (word, start, end) =>
        {
            if (index >= first && index - first < count)
            {
                if (index == first && first > 0)
                {
                    html.Append(Ellipsis);
                    from = start;
                }
                html.Append(Encode(text[from..start]));
                var encoded = Encode(text[start..end]);
                html.Append(lookup.Contains(word) ? $"<mark>{encoded}</mark>" : encoded);
                from = end;
            }
            else if (index - first >= count)
            {
                more = true;
            }
            index++;
        });
        return more ? html.Append(Ellipsis).ToString() : html.Append(Encode(text[from..])).ToString();
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text.ReplaceLineEndings(" "));
}
