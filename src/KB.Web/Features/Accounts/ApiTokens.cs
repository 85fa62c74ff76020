using System.Security.Claims;
using System.Security.Cryptography;
using KB.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace KB.Web.Features.Accounts;

/// <summary>
/// Bearer tokens: the ones listed in KB:ApiTokens (for automation, acting as Responder) and personal ones that users
/// create on their profile page (acting with the user's role), kept only as <see cref="Secrets.Hash"/>.
/// </summary>
public sealed class ApiTokens(IDbContextFactory<KbDb> dbFactory, IConfiguration configuration, TimeProvider clock, ILogger<ApiTokens> logger)
{
    public const string Scheme = "Bearer";
    public const int MinConfiguredLength = 16;
    public const int MaxNameLength = 60;
    private const string Prefix = "kb_";

    private readonly Lazy<byte[][]> _configured = new(() => ConfiguredHashes(configuration, logger));

    public async Task<ClaimsPrincipal?> AuthenticateAsync(string token, CancellationToken cancellationToken = default)
    {
        var hex = Secrets.Hash(token);
        var hash = Convert.FromHexString(hex);
        var configuredIndex = Array.FindIndex(_configured.Value, known => CryptographicOperations.FixedTimeEquals(known, hash));
        if (configuredIndex >= 0)
        {
            return AccountClaims.ForToken(null, $"automation (token {configuredIndex + 1})", Roles.Responder, Scheme);
        }
        if (!token.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var found = await db.ApiTokens.Where(x => x.Hash == hex && x.RevokedAt == null)
            .Join(db.Users, apiToken => apiToken.UserId, user => user.Id, (apiToken, user) => new { apiToken, user })
            .SingleOrDefaultAsync(cancellationToken);
        if (found is null || found.user.IsDisabled)
        {
            return null;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        if (found.apiToken.LastUsedAt is null || now - found.apiToken.LastUsedAt > TimeSpan.FromMinutes(1))
        {
            await db.ApiTokens.Where(x => x.Id == found.apiToken.Id).ExecuteUpdateAsync(x => x.SetProperty(t => t.LastUsedAt, now), cancellationToken);
        }
        return AccountClaims.ForToken(found.user.Id, found.user.DisplayName, found.user.Role, Scheme);
    }

    /// <summary>Creates a personal token and returns it: the only time its text exists outside the caller's hands.</summary>
    public async Task<(ApiToken Token, string Secret)> CreateAsync(string userId, string name, CancellationToken cancellationToken = default)
    {
        var secret = Prefix + Secrets.New();
        var token = new ApiToken
        {
            UserId = userId,
            Name = name.Trim(),
            Hash = Secrets.Hash(secret),
            Prefix = secret[..10],
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        db.ApiTokens.Add(token);
        await db.SaveChangesAsync(cancellationToken);
        return (token, secret);
    }

    public async Task<IReadOnlyList<ApiToken>> ListAsync(string userId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.ApiTokens.AsNoTracking().Where(x => x.UserId == userId && x.RevokedAt == null).OrderByDescending(x => x.Id).ToListAsync(cancellationToken);
    }

    public async Task<bool> RevokeAsync(string userId, int tokenId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        return await db.ApiTokens.Where(x => x.Id == tokenId && x.UserId == userId && x.RevokedAt == null)
            .ExecuteUpdateAsync(x => x.SetProperty(t => t.RevokedAt, now), cancellationToken) == 1;
    }

    public static string? NameProblem(string? name) => (name?.Trim() ?? "") switch
    {
        "" => "Name the token after what will use it, e.g. \"deploy pipeline\".",
        var trimmed when trimmed.Length > MaxNameLength => LengthLimit.Problem(trimmed, MaxNameLength, "The token name"),
        _ => null,
    };

    private static byte[][] ConfiguredHashes(IConfiguration configuration, ILogger logger)
    {
        var hashes = new List<byte[]>();
        foreach (var entry in configuration.GetSection("KB:ApiTokens").GetChildren())
        {
            if (string.IsNullOrWhiteSpace(entry.Value) || entry.Value.Trim().Length < MinConfiguredLength)
            {
                logger.LogWarning("KB:ApiTokens:{Key} is ignored: a token needs at least {Length} characters.", entry.Key, MinConfiguredLength);
                continue;
            }
            hashes.Add(Convert.FromHexString(Secrets.Hash(entry.Value.Trim())));
        }
        return [.. hashes];
    }
}
