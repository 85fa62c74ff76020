using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;

namespace KB.Web.Features.Accounts;

/// <summary>
/// The signed-in principal: the component's authentication state in pages (revalidated, so it turns anonymous when
/// the session ends), the request's user in API endpoints, where there is no authentication state to ask.
/// </summary>
public sealed class SignedInUser(AuthenticationStateProvider authenticationState, IHttpContextAccessor httpContextAccessor) : ICurrentUser
{
    public async Task<string?> NameAsync() =>
        await PrincipalAsync() is { Identity.IsAuthenticated: true } principal ? principal.FindFirstValue(ClaimTypes.Name) : null;

    public async Task<bool> CanAsync(string role) =>
        await PrincipalAsync() is { Identity.IsAuthenticated: true } principal && principal.IsInRole(role);

    private async Task<ClaimsPrincipal?> PrincipalAsync()
    {
        try
        {
            return (await authenticationState.GetAuthenticationStateAsync()).User;
        }
        catch (InvalidOperationException)
        {
            return httpContextAccessor.HttpContext?.User;
        }
    }
}
