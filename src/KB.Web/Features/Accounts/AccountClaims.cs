using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace KB.Web.Features.Accounts;

/// <summary>What a sign-in carries: the display name as the name, and the user's role with every role it includes.</summary>
public sealed class AccountClaims(UserManager<Account> userManager, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<Account>(userManager, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(Account user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        foreach (var name in identity.FindAll(identity.NameClaimType).ToList())
        {
            identity.RemoveClaim(name);
        }
        identity.AddClaim(new Claim(identity.NameClaimType, user.DisplayName));
        identity.AddClaims(Roles.Including(user.Role).Select(role => new Claim(identity.RoleClaimType, role)));
        return identity;
    }

    /// <summary>The same shape for a request made with a personal or configured API token.</summary>
    public static ClaimsPrincipal ForToken(string? userId, string name, string role, string scheme)
    {
        var claims = new List<Claim> { new(ClaimTypes.Name, name) };
        if (userId is not null)
        {
            claims.Add(new Claim(ClaimTypes.NameIdentifier, userId));
        }
        claims.AddRange(Roles.Including(role).Select(included => new Claim(ClaimTypes.Role, included)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme, ClaimTypes.Name, ClaimTypes.Role));
    }
}
