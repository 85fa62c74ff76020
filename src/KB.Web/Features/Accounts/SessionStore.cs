using System.Collections.Concurrent;
using System.Security.Claims;
using KB.Web.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.EntityFrameworkCore;

namespace KB.Web.Features.Accounts;

/// <summary>
/// Keeps sign-ins on the server: the cookie holds only a random key. Signing out deletes the row, so a copied cookie
/// is worthless afterwards; disabling a user deletes all of theirs. Rows hold the key's hash, never the key.
/// A session read from the database is remembered for a few seconds, because every request of a signed-in browser
/// reads it and that query was a quarter of an article page's cost. Ending a session on this node forgets it at
/// once; another node honours it for at most <see cref="RememberFor"/> (open pages check the database itself).
/// </summary>
public sealed class SessionStore(IDbContextFactory<KbDb> dbFactory, TimeProvider clock) : ITicketStore
{
    /// <summary>The claim that names the session (by its hash) inside the signed-in principal, for revalidation.</summary>
    public const string SessionClaim = "kb:session";

    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(12);

    public static readonly TimeSpan RememberFor = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<string, Remembered> _recent = new();

    private sealed record Remembered(string UserId, byte[] Ticket, DateTime ExpiresAt, DateTimeOffset ReadAt);

    public async Task<string> StoreAsync(AuthenticationTicket ticket)
    {
        var key = Secrets.New();
        var hash = Secrets.Hash(key);
        if (ticket.Principal.Identity is ClaimsIdentity identity)
        {
            identity.AddClaim(new Claim(SessionClaim, hash));
        }
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync();
        await db.Sessions.Where(session => session.ExpiresAt <= now).ExecuteDeleteAsync(); // sessions nobody can use any more
        db.Sessions.Add(new Session
        {
            Id = hash,
            UserId = ticket.Principal.FindFirstValue(ClaimTypes.NameIdentifier) ?? "",
            Ticket = TicketSerializer.Default.Serialize(ticket),
            CreatedAt = now,
            ExpiresAt = ExpiryOf(ticket, now),
        });
        await db.SaveChangesAsync();
        return key;
    }

    public async Task RenewAsync(string key, AuthenticationTicket ticket)
    {
        var hash = Secrets.Hash(key);
        if (ticket.Principal.FindFirst(SessionClaim) is null && ticket.Principal.Identity is ClaimsIdentity identity)
        {
            identity.AddClaim(new Claim(SessionClaim, hash));
        }
        _recent.TryRemove(hash, out _);
        await using var db = await dbFactory.CreateDbContextAsync();
        await db.Sessions.Where(session => session.Id == hash).ExecuteUpdateAsync(session => session
            .SetProperty(x => x.UserId, ticket.Principal.FindFirstValue(ClaimTypes.NameIdentifier) ?? "")
            .SetProperty(x => x.Ticket, TicketSerializer.Default.Serialize(ticket))
            .SetProperty(x => x.ExpiresAt, ExpiryOf(ticket, clock.GetUtcNow().UtcDateTime)));
    }

    public async Task<AuthenticationTicket?> RetrieveAsync(string key)
    {
        var hash = Secrets.Hash(key);
        var now = clock.GetUtcNow();
        if (!_recent.TryGetValue(hash, out var remembered) || now - remembered.ReadAt >= RememberFor)
        {
            await using var db = await dbFactory.CreateDbContextAsync();
            var session = await db.Sessions.AsNoTracking().SingleOrDefaultAsync(x => x.Id == hash);
            if (session is null)
            {
                _recent.TryRemove(hash, out _);
                return null;
            }
            remembered = new Remembered(session.UserId, session.Ticket, session.ExpiresAt, now);
            ForgetStale(now);
            _recent[hash] = remembered;
        }
        return remembered.ExpiresAt <= now.UtcDateTime ? null : TicketSerializer.Default.Deserialize(remembered.Ticket);
    }

    public async Task RemoveAsync(string key)
    {
        var hash = Secrets.Hash(key);
        _recent.TryRemove(hash, out _);
        await using var db = await dbFactory.CreateDbContextAsync();
        await db.Sessions.Where(session => session.Id == hash).ExecuteDeleteAsync();
    }

    /// <summary>Whether the session behind a signed-in principal is still live: checked by open pages every few seconds.</summary>
    public async Task<bool> IsLiveAsync(ClaimsPrincipal principal, CancellationToken cancellationToken)
    {
        var hash = principal.FindFirstValue(SessionClaim);
        if (hash is null)
        {
            return false;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Sessions.AnyAsync(session => session.Id == hash && session.ExpiresAt > now, cancellationToken);
    }

    public async Task EndAllAsync(string userId, string? exceptHash = null)
    {
        foreach (var (hash, remembered) in _recent)
        {
            if (remembered.UserId == userId && hash != exceptHash)
            {
                _recent.TryRemove(hash, out _);
            }
        }
        await using var db = await dbFactory.CreateDbContextAsync();
        await db.Sessions.Where(session => session.UserId == userId && session.Id != exceptHash).ExecuteDeleteAsync();
    }

    private static DateTime ExpiryOf(AuthenticationTicket ticket, DateTime now) => ticket.Properties.ExpiresUtc?.UtcDateTime ?? now + Lifetime;

    private void ForgetStale(DateTimeOffset now)
    {
        if (_recent.Count < 1024)
        {
            return;
        }
        foreach (var (hash, remembered) in _recent)
        {
            if (now - remembered.ReadAt >= RememberFor)
            {
                _recent.TryRemove(hash, out _);
            }
        }
    }
}
