using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;

namespace KB.Web.Features.Accounts;

public enum ThemeMode
{
    System,
    Light,
    Dark,
}

/// <summary>
/// Each person's choice of light, dark or the system's setting, kept as a claim of their account so it follows them
/// to every browser. Every page asks for it, so choices are remembered in memory once read; a scope per read keeps
/// Identity's DbContext out of the circuit's lifetime.
/// </summary>
public sealed class ThemePreference(IServiceScopeFactory scopes)
{
    private const string ClaimType = "kb:theme";

    private readonly ConcurrentDictionary<string, ThemeMode> _known = new();

    public async Task<ThemeMode> GetAsync(ClaimsPrincipal user)
    {
        if (user.FindFirstValue(ClaimTypes.NameIdentifier) is not { } id)
        {
            return ThemeMode.System;
        }
        if (_known.TryGetValue(id, out var known))
        {
            return known;
        }
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Account>>();
        if (await users.FindByIdAsync(id) is not { } account)
        {
            return ThemeMode.System;
        }
        var claim = (await users.GetClaimsAsync(account)).FirstOrDefault(c => c.Type == ClaimType);
        var mode = Enum.TryParse<ThemeMode>(claim?.Value, ignoreCase: true, out var chosen) ? chosen : ThemeMode.System;
        return _known[id] = mode;
    }

    public async Task SetAsync(ClaimsPrincipal user, ThemeMode mode)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Account>>();
        if (await users.GetUserAsync(user) is not { } account)
        {
            return;
        }
        var existing = (await users.GetClaimsAsync(account)).Where(c => c.Type == ClaimType).ToList();
        if (existing.Count > 0)
        {
            await users.RemoveClaimsAsync(account, existing);
        }
        await users.AddClaimAsync(account, new Claim(ClaimType, mode.ToString().ToLowerInvariant()));
        _known[account.Id] = mode;
    }
}
