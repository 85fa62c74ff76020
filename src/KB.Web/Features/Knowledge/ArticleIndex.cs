using System.Buffers;

namespace KB.Web.Features.Knowledge;

/// <summary>
/// An immutable in-memory inverted index over the articles: for every word, the articles and the positions in each
/// field where it occurs. Scores are BM25 per field, weighted by field, as SQLite FTS5's <c>bm25()</c> computes them.
/// </summary>
public sealed class ArticleIndex
{
    /// <summary>Title, summary, tags, body, signatures.</summary>
    public const int FieldCount = 5;

    private const int BodyField = 3;

    private static readonly double[] FieldWeights = [10.0, 4.0, 6.0, 1.0, 3.0];
    private const double K1 = 1.2;
    private const double B = 0.75;

    // A word found only through a spelling correction counts for less than the word itself.
    private const double CorrectedWeight = 0.5;

    // What a word in more than half the articles still counts, instead of going negative.
    private const double MinIdf = 1e-6;

    private readonly Dictionary<string, Postings> _postings;
    private readonly string[] _vocabulary;
    private readonly Spelling _spelling;
    private readonly int[] _fieldLengths;
    private readonly double[] _averageFieldLengths = new double[FieldCount];

    public ArticleIndex(IReadOnlyList<Article> articles)
    {
        Articles = articles;
        _fieldLengths = new int[articles.Count * FieldCount];
        var builders = new Dictionary<string, PostingsBuilder>(StringComparer.Ordinal);
        var lookup = builders.GetAlternateLookup<ReadOnlySpan<char>>();
        var touched = new List<PostingsBuilder>();
        for (var doc = 0; doc < articles.Count; doc++)
        {
            var fields = FieldsOf(articles[doc]);
            for (var field = 0; field < FieldCount; field++)
            {
                var position = 0;
                var (currentDoc, currentField) = (doc, field);
                SearchTokens.ForEach(fields[field], (word, _, _) =>
                {
                    if (!lookup.TryGetValue(word, out var builder))
                    {
                        builder = new PostingsBuilder();
                        lookup[word] = builder;
                    }
                    if (builder.Add(currentDoc, currentField, position++))
                    {
                        touched.Add(builder);
                    }
                });
                _fieldLengths[doc * FieldCount + field] = position;
            }
            foreach (var builder in touched)
            {
                builder.EndDocument();
            }
            touched.Clear();
        }
        _postings = builders.ToDictionary(pair => pair.Key, pair => pair.Value.Build(), StringComparer.Ordinal);
        _vocabulary = [.. _postings.Keys.Order(StringComparer.Ordinal)];
        _spelling = new Spelling(_vocabulary);
        for (var field = 0; field < FieldCount; field++)
        {
            var total = 0L;
            for (var doc = 0; doc < articles.Count; doc++)
            {
                total += _fieldLengths[doc * FieldCount + field];
            }
            _averageFieldLengths[field] = articles.Count == 0 ? 1 : Math.Max(1.0, (double)total / articles.Count);
        }
    }

    public static ArticleIndex Empty { get; } = new([]);

    public IReadOnlyList<Article> Articles { get; }

    public static string[] FieldsOf(Article article) =>
    [
        article.Title,
        article.Summary,
        string.Join(' ', article.Tags),
        article.PlainText,
        string.Join('\n', article.Signatures.Select(signature => $"{signature.Emitter}: {signature.Pattern}")),
    ];

    /// <summary>
    /// Scores every article that matches at least one term. Each term is a set of alternatives (a phrase, or one word that
    /// also matches as a prefix from three letters on); a word the index does not know matches the words it is a typing
    /// mistake of, at a lower weight.
    /// </summary>
    public Matches Match(SearchQuery query)
    {
        var matches = new Matches(Articles.Count, query.Terms.Count);
        // Term frequencies per article and field: large at 10,000 articles, so borrowed instead of allocated per search.
        // Scoring clears every slot it used, so the array goes back as clean as it came.
        var tf = ArrayPool<double>.Shared.Rent(Articles.Count * FieldCount);
        Array.Clear(tf, 0, Articles.Count * FieldCount);
        try
        {
            MatchTerms(query, matches, tf);
        }
        finally
        {
            ArrayPool<double>.Shared.Return(tf);
        }
        return matches;
    }

    private void MatchTerms(SearchQuery query, Matches matches, double[] tf)
    {
        var docs = new List<int>();
        for (var term = 0; term < query.Terms.Count; term++)
        {
            foreach (var phrase in query.Terms[term])
            {
                if (phrase.Length > 1)
                {
                    ScorePhrase(phrase, tf, docs, matches, term);
                    continue;
                }
                var word = phrase[0];
                var expanded = Expansions(word);
                var weight = 1.0;
                if (expanded.Count == 0 && _spelling.Near(word) is { Length: > 0 } corrections)
                {
                    matches.Corrections[word] = corrections;
                    expanded = [.. corrections.SelectMany(Expansions).Distinct()];
                    weight = CorrectedWeight;
                }
                if (InMostArticles(expanded))
                {
                    MarkCommon(expanded, matches, term, weight);
                    continue;
                }
                foreach (var match in expanded)
                {
                    matches.Words.Add(match);
                    Accumulate(_postings[match], tf, docs);
                }
                Score(tf, docs, matches, term, weight);
            }
        }
    }

    // Score gives a word found in at least half the articles an idf of almost nothing, whatever its frequencies, so
    // adding those up (the costly part at 10,000 articles) is skipped: only which articles hold it matters, for
    // ranking the ones that match every term first.
    private bool InMostArticles(List<string> words) =>
        words.Any(word => 2 * _postings[word].Docs.Length >= Articles.Count);

    private void MarkCommon(List<string> words, Matches matches, int term, double weight)
    {
        foreach (var word in words)
        {
            matches.Words.Add(word);
            foreach (var doc in _postings[word].Docs)
            {
                matches.Add(doc, term, weight * MinIdf);
            }
        }
    }

    /// <summary>Where in an article's body the given words stand (word positions, ascending).</summary>
    public List<int> BodyPositions(int doc, IEnumerable<string> words)
    {
        var positions = new List<int>();
        foreach (var word in words)
        {
            if (_postings.TryGetValue(word, out var postings) && Array.BinarySearch(postings.Docs, doc) is var entry and >= 0)
            {
                foreach (var position in postings.Positions(entry, BodyField))
                {
                    positions.Add(position);
                }
            }
        }
        positions.Sort();
        return positions;
    }

    /// <summary>The word itself and, from three letters on, every word it begins.</summary>
    private List<string> Expansions(string word)
    {
        if (word.Length < 3)
        {
            return _postings.ContainsKey(word) ? [word] : [];
        }
        var expanded = new List<string>();
        var first = Array.BinarySearch(_vocabulary, word, StringComparer.Ordinal);
        for (var i = first < 0 ? ~first : first; i < _vocabulary.Length && _vocabulary[i].StartsWith(word, StringComparison.Ordinal); i++)
        {
            expanded.Add(_vocabulary[i]);
        }
        return expanded;
    }

    private static void Accumulate(Postings postings, double[] tf, List<int> docs)
    {
        for (var entry = 0; entry < postings.Docs.Length; entry++)
        {
            var doc = postings.Docs[entry];
            if (Untouched(tf, doc))
            {
                docs.Add(doc);
            }
            for (var field = 0; field < FieldCount; field++)
            {
                tf[doc * FieldCount + field] += postings.Count(entry, field);
            }
        }
    }

    private void ScorePhrase(string[] phrase, double[] tf, List<int> docs, Matches matches, int term)
    {
        var lists = new Postings[phrase.Length];
        for (var i = 0; i < phrase.Length; i++)
        {
            if (!_postings.TryGetValue(phrase[i], out var postings))
            {
                return;
            }
            lists[i] = postings;
        }
        var first = lists[0];
        for (var entry = 0; entry < first.Docs.Length; entry++)
        {
            var doc = first.Docs[entry];
            var entries = new int[phrase.Length];
            entries[0] = entry;
            var inAll = true;
            for (var i = 1; i < phrase.Length && inAll; i++)
            {
                entries[i] = Array.BinarySearch(lists[i].Docs, doc);
                inAll = entries[i] >= 0;
            }
            if (!inAll)
            {
                continue;
            }
            for (var field = 0; field < FieldCount; field++)
            {
                var count = PhraseCount(lists, entries, field);
                if (count > 0)
                {
                    if (Untouched(tf, doc))
                    {
                        docs.Add(doc);
                    }
                    tf[doc * FieldCount + field] += count;
                }
            }
        }
        if (docs.Count > 0)
        {
            matches.Words.UnionWith(phrase);
        }
        Score(tf, docs, matches, term, 1.0);
    }

    private static bool Untouched(double[] tf, int doc)
    {
        for (var field = 0; field < FieldCount; field++)
        {
            if (tf[doc * FieldCount + field] != 0)
            {
                return false;
            }
        }
        return true;
    }

    private static int PhraseCount(Postings[] lists, int[] entries, int field)
    {
        var starts = lists[0].Positions(entries[0], field);
        var count = 0;
        foreach (var start in starts)
        {
            var follows = true;
            for (var i = 1; i < lists.Length && follows; i++)
            {
                follows = lists[i].Positions(entries[i], field).BinarySearch(start + i) >= 0;
            }
            count += follows ? 1 : 0;
        }
        return count;
    }

    /// <summary>Adds one phrase's BM25 to the articles in <paramref name="docs"/> and clears what it accumulated.</summary>
    private void Score(double[] tf, List<int> docs, Matches matches, int term, double weight)
    {
        if (docs.Count == 0)
        {
            return;
        }
        var n = Articles.Count;
        // FTS5's idf: a word in more than half the articles would go negative, so it counts a little instead.
        var idf = Math.Log((n - docs.Count + 0.5) / (docs.Count + 0.5));
        if (idf <= 0)
        {
            idf = MinIdf;
        }
        foreach (var doc in docs)
        {
            var score = 0.0;
            for (var field = 0; field < FieldCount; field++)
            {
                var slot = doc * FieldCount + field;
                var count = tf[slot];
                if (count > 0)
                {
                    var norm = K1 * (1 - B + B * _fieldLengths[slot] / _averageFieldLengths[field]);
                    score += FieldWeights[field] * idf * count * (K1 + 1) / (count + norm);
                    tf[slot] = 0;
                }
            }
            matches.Add(doc, term, weight * score);
        }
        docs.Clear();
    }

    private sealed class PostingsBuilder
    {
        private readonly List<int> _docs = [];
        private readonly List<int> _starts = [];
        private readonly List<int> _positions = [];
        private int _field = FieldCount;

        /// <summary>Records one occurrence; true when it is the word's first in this article.</summary>
        public bool Add(int doc, int field, int position)
        {
            var first = _docs.Count == 0 || _docs[^1] != doc;
            if (first)
            {
                _docs.Add(doc);
                _field = -1;
            }
            while (_field < field)
            {
                _starts.Add(_positions.Count);
                _field++;
            }
            _positions.Add(position);
            return first;
        }

        public void EndDocument()
        {
            while (_field < FieldCount - 1)
            {
                _starts.Add(_positions.Count);
                _field++;
            }
        }

        public Postings Build() => new([.. _docs], [.. _starts, _positions.Count], [.. _positions]);
    }

    /// <summary>Articles a word occurs in, ascending, and its positions in each of their fields.</summary>
    private sealed record Postings(int[] Docs, int[] Starts, int[] AllPositions)
    {
        public int Count(int entry, int field) => Starts[entry * FieldCount + field + 1] - Starts[entry * FieldCount + field];

        public ReadOnlySpan<int> Positions(int entry, int field) =>
            AllPositions.AsSpan(Starts[entry * FieldCount + field], Count(entry, field));
    }
}
