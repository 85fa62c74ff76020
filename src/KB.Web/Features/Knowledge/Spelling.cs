namespace KB.Web.Features.Knowledge;

/// <summary>
/// The words of the index closest to a word, within a few typing mistakes: one for words of 4–5 letters, two from 6 letters on.
/// A mistake is a letter wrong, missing, extra, or two neighbours swapped (optimal string alignment distance).
/// </summary>
public sealed class Spelling
{
    private const int MinLength = 4;
    private const int MaxCachedWords = 10_000;

    private readonly string[][] _byLength;
    private readonly Dictionary<string, string[]> _cache = [];
    private readonly Lock _cacheLock = new();

    public Spelling(IEnumerable<string> vocabulary)
    {
        var words = vocabulary.Where(word => word.Length >= MinLength - 2).ToList();
        _byLength = new string[SearchTokens.MaxWordLength + 1][];
        foreach (var group in words.GroupBy(word => word.Length))
        {
            _byLength[group.Key] = [.. group.Order(StringComparer.Ordinal)];
        }
    }

    public static int MaxDistance(string word) => word.Length < MinLength ? 0 : word.Length < 6 ? 1 : 2;

    public string[] Near(string word)
    {
        var maxDistance = MaxDistance(word);
        if (maxDistance == 0)
        {
            return [];
        }
        lock (_cacheLock)
        {
            if (_cache.TryGetValue(word, out var cached))
            {
                return cached;
            }
        }
        // Only the closest words: "timout" means "timeout", not also "timer".
        var near = new List<string>();
        var closest = maxDistance;
        for (var length = Math.Max(1, word.Length - maxDistance); length <= Math.Min(SearchTokens.MaxWordLength, word.Length + maxDistance); length++)
        {
            foreach (var candidate in _byLength[length] ?? [])
            {
                var distance = Distance(word, candidate, closest);
                if (distance < closest)
                {
                    near.Clear();
                    closest = distance;
                }
                if (distance <= closest)
                {
                    near.Add(candidate);
                }
            }
        }
        string[] found = [.. near];
        lock (_cacheLock)
        {
            if (_cache.Count < MaxCachedWords)
            {
                _cache[word] = found;
            }
        }
        return found;
    }

    /// <summary>The optimal string alignment distance, or more than <paramref name="max"/> as soon as it must exceed it.</summary>
    public static int Distance(string a, string b, int max)
    {
        if (Math.Abs(a.Length - b.Length) > max)
        {
            return max + 1;
        }
        Span<int> previous2 = stackalloc int[b.Length + 1];
        Span<int> previous = stackalloc int[b.Length + 1];
        Span<int> current = stackalloc int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var rowMin = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var value = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    value = Math.Min(value, previous2[j - 2] + 1);
                }
                current[j] = value;
                rowMin = Math.Min(rowMin, value);
            }
            if (rowMin > max)
            {
                return max + 1;
            }
            var recycled = previous2;
            previous2 = previous;
            previous = current;
            current = recycled;
        }
        return previous[b.Length];
    }
}
