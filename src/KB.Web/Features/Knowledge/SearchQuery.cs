namespace KB.Web.Features.Knowledge;

/// <summary>
/// What a person typed, reduced to words and synonym groups. Every word is letters and digits only, so search syntax
/// such as <c>"</c>, <c>AND(</c>, <c>*</c> or <c>NEAR(</c> is just text.
/// </summary>
public sealed class SearchQuery
{
    public const int MaxTerms = 16;

    private static readonly HashSet<string> StopWords =
    [
        "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "how", "i", "in", "is", "it", "my", "not",
        "of", "on", "or", "the", "this", "to", "was", "what", "when", "why", "with", "while",
        "after", "can", "do", "does", "did", "get", "gets", "our", "there", "we", "you",
    ];

    private static readonly IReadOnlyList<string[]>[] SynonymWords = [.. Synonyms.Groups.Select(group => group.Select(SearchTokens.Words).ToList())];

    private SearchQuery(IReadOnlyList<IReadOnlyList<string[]>> terms, int? searchedLength)
    {
        Terms = terms;
        SearchedLength = searchedLength;
    }

    /// <summary>Each term is a set of alternatives; each alternative is a phrase of one or more words.</summary>
    public IReadOnlyList<IReadOnlyList<string[]>> Terms { get; }

    public bool IsEmpty => Terms.Count == 0;

    /// <summary>
    /// When the text has more than <see cref="MaxTerms"/> terms, how many of its characters were searched (up to the
    /// end of the last term); null when all of it was.
    /// </summary>
    public int? SearchedLength { get; }

    public static SearchQuery Parse(string? text)
    {
        var tokens = Tokens(text ?? "");
        var meaningful = tokens.Where(token => !StopWords.Contains(token.Word)).ToList();
        if (meaningful.Count > 0)
        {
            tokens = meaningful;
        }
        var words = tokens.Select(token => token.Word).ToArray();

        var terms = new List<IReadOnlyList<string[]>>();
        var seen = new HashSet<string>();
        var i = 0;
        while (i < words.Length && terms.Count < MaxTerms)
        {
            var (group, length) = SynonymGroupAt(words, i);
            var key = string.Join(' ', words.Skip(i).Take(length));
            if (seen.Add(key))
            {
                terms.Add(group ?? [[words[i]]]);
            }
            i += length;
        }
        return new SearchQuery(terms, i < words.Length ? tokens[i - 1].End : null);
    }

    /// <summary>The same query with each misspelt word replaced by the words it was taken for.</summary>
    public SearchQuery Corrected(IReadOnlyDictionary<string, string[]> corrections) =>
        corrections.Count == 0
            ? this
            : new SearchQuery(
                Terms.Select(alternatives => (IReadOnlyList<string[]>)alternatives
                    .SelectMany(phrase => phrase.Length == 1 && corrections.TryGetValue(phrase[0], out var near) ? near.Select(word => new[] { word }) : [phrase])
                    .ToList()).ToList(),
                SearchedLength);

    /// <summary>
    /// The share of terms that occur in <paramref name="text"/> (a title, a tag list), matching words by prefix
    /// and ignoring a plural "s", as the index does.
    /// </summary>
    public double Coverage(string text)
    {
        if (Terms.Count == 0)
        {
            return 0;
        }
        var words = Words(text).Select(Singular).ToArray();
        var covered = Terms.Count(alternatives => alternatives.Any(phrase => ContainsPhrase(words, phrase)));
        return (double)covered / Terms.Count;
    }

    private static bool ContainsPhrase(string[] words, string[] phrase)
    {
        for (var start = 0; start + phrase.Length <= words.Length; start++)
        {
            var matches = true;
            for (var i = 0; i < phrase.Length && matches; i++)
            {
                var term = Singular(phrase[i]);
                matches = phrase.Length == 1 && term.Length >= 3 ? words[start].StartsWith(term, StringComparison.Ordinal) : words[start + i] == term;
            }
            if (matches)
            {
                return true;
            }
        }
        return false;
    }

    private static string Singular(string word) => word.Length > 3 && word.EndsWith('s') ? word[..^1] : word;

    /// <summary>The longest synonym phrase starting at word <paramref name="start"/>, with its whole group.</summary>
    private static (IReadOnlyList<string[]>? Group, int Length) SynonymGroupAt(string[] words, int start)
    {
        IReadOnlyList<string[]>? best = null;
        var bestLength = 1;
        foreach (var group in SynonymWords)
        {
            foreach (var phraseWords in group)
            {
                if (phraseWords.Length >= bestLength && start + phraseWords.Length <= words.Length
                    && phraseWords.AsSpan().SequenceEqual(words.AsSpan(start, phraseWords.Length)))
                {
                    best = group;
                    bestLength = phraseWords.Length;
                }
            }
        }
        return (best, bestLength);
    }

    private static string[] Words(string text) => SearchTokens.Words(text);

    private static List<(string Word, int End)> Tokens(string text)
    {
        var tokens = new List<(string Word, int End)>();
        SearchTokens.ForEach(text, (word, _, end) => tokens.Add((word.ToString(), end)));
        return tokens;
    }
}
