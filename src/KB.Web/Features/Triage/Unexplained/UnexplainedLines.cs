using KB.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace KB.Web.Features.Triage.Unexplained;

/// <summary>A page of unexplained lines, most often seen first, and how many are listed in all.</summary>
public sealed record UnexplainedPage(IReadOnlyList<UnexplainedLine> Lines, int Total);

/// <summary>
/// Keeps the lines of a paste that triage could not read: when no signature or reader explained any line and the
/// answer fell back to text search, each line that looks like an error is stored masked, counted, with when it was
/// first and last seen. The table is bounded: past <see cref="MaxRows"/> the lines seen longest ago go.
/// </summary>
public sealed class UnexplainedLines(IDbContextFactory<KbDb> dbFactory, TimeProvider clock, ILogger<UnexplainedLines> logger)
{
    public const int MaxRows = 5_000;

    /// <summary>The most lines one paste adds, so a 2,000-line paste nobody can read does not fill the table alone.</summary>
    public const int MaxLinesPerPaste = 50;

    /// <summary>Records the unexplained lines of a paste; a failure here is logged and never costs the responder the answer.</summary>
    public async Task RecordAsync(string text, TriageResult result, CancellationToken cancellationToken = default)
    {
        if (!Unexplained(result))
        {
            return;
        }
        var lines = PastedText.Read(text).Lines
            .Where(LineMask.LooksLikeErrorLine)
            .Select(line => (Masked: LineMask.Mask(line), Emitter: EmitterDetector.Detect(line)))
            .DistinctBy(line => line.Masked)
            .Take(MaxLinesPerPaste)
            .ToList();
        if (lines.Count == 0)
        {
            return;
        }
        try
        {
            await SaveAsync(lines, cancellationToken);
        }
        catch (Exception exception) when (exception is DbUpdateException or InvalidOperationException)
        {
            logger.LogWarning(exception, "Could not record {Count} unexplained lines", lines.Count);
        }
    }

    /// <summary>No signature or reader explained a line: the answer is text search or nothing.</summary>
    public static bool Unexplained(TriageResult result) => result.UsedFullTextFallback || result.Candidates.Count == 0;

    private async Task SaveAsync(List<(string Masked, string? Emitter)> lines, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var keys = lines.Select(line => line.Masked).ToList();
        var known = await db.UnexplainedLines.AsTracking().Where(line => keys.Contains(line.Masked)).ToDictionaryAsync(line => line.Masked, cancellationToken);
        foreach (var (masked, emitter) in lines)
        {
            if (known.TryGetValue(masked, out var line))
            {
                line.Count++;
                line.LastSeen = now;
            }
            else
            {
                db.UnexplainedLines.Add(new UnexplainedLine { Masked = masked, Emitter = emitter, Count = 1, FirstSeen = now, LastSeen = now });
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        var keep = await db.UnexplainedLines.OrderByDescending(line => line.LastSeen).ThenByDescending(line => line.Id).Skip(MaxRows).Select(line => line.Id).FirstOrDefaultAsync(cancellationToken);
        if (keep != 0)
        {
            var cutoff = await db.UnexplainedLines.Where(line => line.Id == keep).Select(line => line.LastSeen).SingleAsync(cancellationToken);
            await db.UnexplainedLines.Where(line => line.LastSeen < cutoff || (line.LastSeen == cutoff && line.Id <= keep)).ExecuteDeleteAsync(cancellationToken);
        }
    }

    public async Task<UnexplainedPage> ListAsync(int skip, int take, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var listed = db.UnexplainedLines.Where(line => line.DismissedAt == null);
        var lines = await listed.OrderByDescending(line => line.Count).ThenByDescending(line => line.LastSeen).ThenBy(line => line.Id)
            .Skip(skip).Take(take).ToListAsync(cancellationToken);
        return new UnexplainedPage(lines, await listed.CountAsync(cancellationToken));
    }

    public async Task<UnexplainedLine?> FindAsync(int id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.UnexplainedLines.SingleOrDefaultAsync(line => line.Id == id, cancellationToken);
    }

    public async Task<bool> DismissAsync(int id, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.UnexplainedLines.Where(line => line.Id == id && line.DismissedAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(line => line.DismissedAt, now), cancellationToken) > 0;
    }
}
