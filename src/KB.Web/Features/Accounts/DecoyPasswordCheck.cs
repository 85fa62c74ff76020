using Microsoft.AspNetCore.Identity;

namespace KB.Web.Features.Accounts;

/// <summary>
/// Checks a password against a hash that belongs to nobody. A sign-in for an unknown or disabled email runs it, so
/// it takes as long as one for a real account and its timing does not tell which emails have accounts.
/// </summary>
public sealed class DecoyPasswordCheck(IPasswordHasher<Account> hasher)
{
    private static readonly Account Nobody = new();
    private static string? _hash;

    public void Run(string password)
    {
        _hash ??= hasher.HashPassword(Nobody, Secrets.New());
        hasher.VerifyHashedPassword(Nobody, _hash, password);
    }
}
