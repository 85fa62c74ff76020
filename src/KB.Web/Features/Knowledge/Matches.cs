namespace KB.Web.Features.Knowledge;

/// <summary>What one query matched: a score per article, how many of the query's terms each matched, and the words found.</summary>
public sealed class Matches(int articleCount, int termCount)
{
    private readonly double[] _scores = new double[articleCount];
    private readonly int[] _termsMatched = new int[articleCount];
    private readonly int[] _lastTerm = new int[articleCount];
    private readonly List<int> _matched = [];

    /// <summary>The words of the index that matched, for highlighting.</summary>
    public HashSet<string> Words { get; } = new(StringComparer.Ordinal);

    /// <summary>Words of the query the index does not know, with the words they were taken for.</summary>
    public Dictionary<string, string[]> Corrections { get; } = new(StringComparer.Ordinal);

    public void Add(int doc, int term, double score)
    {
        if (_lastTerm[doc] == 0)
        {
            _matched.Add(doc);
        }
        if (_lastTerm[doc] != term + 1)
        {
            _lastTerm[doc] = term + 1;
            _termsMatched[doc]++;
        }
        _scores[doc] += score;
    }

    /// <summary>The <paramref name="count"/> best-scored articles that pass <paramref name="include"/>, best first.</summary>
    public List<(int Doc, double Score)> Best(int count, bool matchingEveryTerm, Func<int, bool> include)
    {
        var heap = new PriorityQueue<int, double>(count + 1);
        foreach (var doc in _matched)
        {
            if ((matchingEveryTerm && _termsMatched[doc] < termCount) || !include(doc))
            {
                continue;
            }
            heap.Enqueue(doc, _scores[doc]);
            if (heap.Count > count)
            {
                heap.Dequeue();
            }
        }
        var best = new List<(int Doc, double Score)>(heap.Count);
        while (heap.TryDequeue(out var doc, out var score))
        {
            best.Add((doc, score));
        }
        best.Reverse();
        return best;
    }
}
