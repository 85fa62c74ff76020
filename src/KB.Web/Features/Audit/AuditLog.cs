using KB.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace KB.Web.Features.Audit;

/// <summary>
/// Records changes made outside the incident tracker (sign-ins, users, roles, articles). Changes saved through a
/// <see cref="KbDb"/> should rather add <see cref="AuditEntry.Of"/> to that context before its SaveChanges, so the
/// change and its entry land together or not at all.
/// </summary>
public sealed class AuditLog(IDbContextFactory<KbDb> dbFactory, TimeProvider clock)
{
    /// <param name="before">The subject before the change (a small record or anonymous object); only fields that differ from <paramref name="after"/> are kept.</param>
    /// <param name="after">The subject after the change.</param>
    public async Task RecordAsync(string actor, string action, string subjectType, string subjectId, string summary,
        object? before = null, object? after = null, string? ip = null, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        db.AuditEntries.Add(AuditEntry.Of(clock.GetUtcNow().UtcDateTime, actor, action, subjectType, subjectId, summary, before, after, ip));
        await db.SaveChangesAsync(cancellationToken);
    }
}
