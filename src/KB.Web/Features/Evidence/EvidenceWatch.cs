using System.Runtime.CompilerServices;
using KB.Web.Features.Incidents;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace KB.Web.Features.Evidence;

/// <summary>
/// Watches every save of incidents, whichever feature makes it (logging, resolving, editing times, alerts), and
/// forgets the evidence of the causes a change touched once it is committed: inside a transaction, a reader could
/// otherwise load and keep the state from before the commit.
/// </summary>
public sealed class EvidenceWatch(EvidenceCache cache) : ISaveChangesInterceptor, IDbTransactionInterceptor
{
    private static readonly string[] Evidence =
        [nameof(Incident.Cause), nameof(Incident.Status), nameof(Incident.StartedAt), nameof(Incident.ResolvedAt), nameof(Incident.FixedByStep)];

    private readonly ConditionalWeakTable<DbContext, HashSet<string>> _touched = new();

    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Collect(eventData.Context);
        return result;
    }

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Collect(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        ForgetUnlessInTransaction(eventData.Context);
        return result;
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        ForgetUnlessInTransaction(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public void TransactionCommitted(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData) => Forget(eventData.Context);

    public Task TransactionCommittedAsync(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    private void Collect(DbContext? context)
    {
        if (context is null)
        {
            return;
        }
        foreach (var entry in context.ChangeTracker.Entries<Incident>())
        {
            var touched = entry.State is EntityState.Added or EntityState.Deleted
                || (entry.State == EntityState.Modified && Evidence.Any(property => entry.Property(property).IsModified));
            if (!touched)
            {
                continue;
            }
            var causes = _touched.GetOrCreateValue(context);
            foreach (var cause in new[] { entry.Property(x => x.Cause).OriginalValue, entry.Entity.Cause })
            {
                if (cause is not null)
                {
                    causes.Add(cause);
                }
            }
        }
    }

    private void ForgetUnlessInTransaction(DbContext? context)
    {
        if (context?.Database.CurrentTransaction is null)
        {
            Forget(context);
        }
    }

    private void Forget(DbContext? context)
    {
        if (context is not null && _touched.TryGetValue(context, out var causes))
        {
            _touched.Remove(context);
            cache.Forget(causes);
        }
    }
}
