using System.Collections.Concurrent;

namespace KB.Web.Features.Evidence;

/// <summary>
/// What the incidents say about the articles, kept in memory so reading an article costs no database read: the
/// verification of every cause, and the record of each cause article read so far. Any incident change that touches a
/// cause forgets that cause's record and the verifications; the next reader loads them again.
/// </summary>
public sealed class EvidenceCache
{
    private readonly ConcurrentDictionary<string, CachedRecord> _records = new();
    private IReadOnlyDictionary<string, Verification>? _verifications;
    private long _generation;

    /// <summary>Changes with every forget: a value loaded while the generation moved may be stale, and is not kept.</summary>
    public long Generation => Interlocked.Read(ref _generation);

    public IReadOnlyDictionary<string, Verification>? Verifications => Volatile.Read(ref _verifications);

    public void KeepVerifications(IReadOnlyDictionary<string, Verification> verifications, long loadedAt)
    {
        if (Generation == loadedAt)
        {
            Interlocked.CompareExchange(ref _verifications, verifications, null);
        }
    }

    public CauseRecord? RecordOf(string slug, string revision) =>
        _records.TryGetValue(slug, out var cached) && cached.Revision == revision ? cached.Record : null;

    public void KeepRecord(string slug, string revision, CauseRecord record, long loadedAt)
    {
        if (Generation == loadedAt)
        {
            _records[slug] = new CachedRecord(revision, record);
        }
    }

    public void Forget(IEnumerable<string> causes)
    {
        Interlocked.Increment(ref _generation);
        Volatile.Write(ref _verifications, null);
        foreach (var cause in causes)
        {
            _records.TryRemove(cause, out _);
        }
    }

    /// <summary>For a change made on another node, where which causes it touched is not known here.</summary>
    public void ForgetAll()
    {
        Interlocked.Increment(ref _generation);
        Volatile.Write(ref _verifications, null);
        _records.Clear();
    }

    private sealed record CachedRecord(string Revision, CauseRecord Record);
}
