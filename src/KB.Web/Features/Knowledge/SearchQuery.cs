using System.Text;

namespace KB.Web.Features.Knowledge;

/// <summary>
/// What a person typed, reduced to words and synonym groups. User text never reaches FTS5 syntax: every word is
/// letters and digits only and is quoted, so <c>"</c>, <c>AND(</c>, <c>*</c> or <c>NEAR(</c> are just text.
/// </summary>
public sealed class SearchQuery
{
    public const int MaxTerms = 16;

    private static readonly HashSet<string> StopWords =
    [
        "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "how", "i", "in", "is", "it", "my", "not",
        "of", "on", "or", "the", "this", "to", "was", "what", "when", "why", "with", "while",
    ];

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

    /// <summary>Every term must match (any alternative of it).</summary>
    public string ToMatchAll() => string.Join(" AND ", Terms.Select(TermExpression));

    /// <summary>Any term may match; BM25 ranks documents that match more and rarer terms higher.</summary>
    public string ToMatchAny() => string.Join(" OR ", Terms.Select(TermExpression));

    private static string TermExpression(IReadOnlyList<string[]> alternatives)
    {
        var expression = new StringBuilder("(");
        for (var i = 0; i < alternatives.Count; i++)
        {
            if (i > 0)
            {
                expression.Append(" OR ");
            }
            var phrase = alternatives[i];
            expression.Append('"').Append(string.Join(' ', phrase)).Append('"');
            // Prefix matching on words of three letters or more, so "sock" finds "socket" and results come while typing.
            if (phrase.Length == 1 && phrase[0].Length >= 3)
            {
                expression.Append('*');
            }
        }
        return expression.Append(')').ToString();
    }

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
        foreach (var group in Synonyms.Groups)
        {
            foreach (var phrase in group)
            {
                var phraseWords = Words(phrase);
                if (phraseWords.Length >= bestLength && start + phraseWords.Length <= words.Length
                    && phraseWords.SequenceEqual(words.Skip(start).Take(phraseWords.Length)))
                {
                    best = group.Select(Words).ToList();
                    bestLength = phraseWords.Length;
                }
            }
        }
        return (best, bestLength);
    }

    private static string[] Words(string text) => Tokens(text).Select(token => token.Word).ToArray();

    /// <summary>
    /// Splits like the FTS5 unicode61 tokenizer: runs of letters and digits, lower-cased, each with the position just
    /// after it. A word keeps its first 64 letters, which match it by prefix.
    /// </summary>
    private static List<(string Word, int End)> Tokens(string text)
    {
        var tokens = new List<(string Word, int End)>();
        var current = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsLetterOrDigit(c))
            {
                if (current.Length < 64)
                {
                    current.Append(char.ToLowerInvariant(c));
                }
            }
            else if (current.Length > 0)
            {
                tokens.Add((current.ToString(), i));
                current.Clear();
            }
        }
        if (current.Length > 0)
        {
            tokens.Add((current.ToString(), text.Length));
        }
        return tokens;
    }
}
