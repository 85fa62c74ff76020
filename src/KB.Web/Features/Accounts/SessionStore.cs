using System.Security.Claims;
using KB.Web.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.EntityFrameworkCore;

namespace KB.Web.Features.Accounts;

/// <summary>
/// Keeps sign-ins on the server: the cookie holds only a random key. Signing out deletes the row, so a copied cookie
/// is worthless afterwards; disabling a user deletes all of theirs. Rows hold the key's hash, never the key.
/// </summary>
public sealed class SessionStore(IDbContextFactory<KbDb> dbFactory, TimeProvider clock) : ITicketStore
{
    /// <summary>The claim that names the session (by its hash) inside the signed-in principal, for revalidation.</summary>
    public const string SessionClaim = "kb:session";

    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(12);

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
        await using var db = await dbFactory.CreateDbContextAsync();
        await db.Sessions.Where(session => session.Id == hash).ExecuteUpdateAsync(session => session
            .SetProperty(x => x.UserId, ticket.Principal.FindFirstValue(ClaimTypes.NameIdentifier) ?? "")
            .SetProperty(x => x.Ticket, TicketSerializer.Default.Serialize(ticket))
            .SetProperty(x => x.ExpiresAt, ExpiryOf(ticket, clock.GetUtcNow().UtcDateTime)));
    }

    public async Task<AuthenticationTicket?> RetrieveAsync(string key)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var session = await db.Sessions.AsNoTracking().SingleOrDefaultAsync(x => x.Id == Secrets.Hash(key));
        return session is null || session.ExpiresAt <= clock.GetUtcNow().UtcDateTime ? null : TicketSerializer.Default.Deserialize(session.Ticket);
    }

    public async Task RemoveAsync(string key)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        await db.Sessions.Where(session => session.Id == Secrets.Hash(key)).ExecuteDeleteAsync();
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
        await using var db = await dbFactory.CreateDbContextAsync();
        await db.Sessions.Where(session => session.UserId == userId && session.Id != exceptHash).ExecuteDeleteAsync();
    }

    private static DateTime ExpiryOf(AuthenticationTicket ticket, DateTime now) => ticket.Properties.ExpiresUtc?.UtcDateTime ?? now + Lifetime;
}
