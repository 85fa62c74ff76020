namespace KB.Web.Features.Knowledge;

/// <summary>One word of a text: lower-cased letters and digits, and where it stands in the text.</summary>
public delegate void WordHandler(ReadOnlySpan<char> word, int start, int end);

/// <summary>
/// How search splits text, the same for queries, the index and snippets: runs of letters and digits, lower-cased.
/// A word keeps its first <see cref="MaxWordLength"/> letters.
/// </summary>
public static class SearchTokens
{
    public const int MaxWordLength = 64;

    public static void ForEach(string text, WordHandler handler)
    {
        Span<char> word = stackalloc char[MaxWordLength];
        var length = 0;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsLetterOrDigit(c))
            {
                if (length == 0)
                {
                    start = i;
                }
                if (length < MaxWordLength)
                {
                    word[length++] = char.ToLowerInvariant(c);
                }
                else
                {
                    length++;
                }
            }
            else if (length > 0)
            {
                handler(word[..Math.Min(length, MaxWordLength)], start, i);
                length = 0;
            }
        }
        if (length > 0)
        {
            handler(word[..Math.Min(length, MaxWordLength)], start, text.Length);
        }
    }

    public static string[] Words(string text)
    {
        var words = new List<string>();
        ForEach(text, (word, _, _) => words.Add(word.ToString()));
        return [.. words];
    }
}
