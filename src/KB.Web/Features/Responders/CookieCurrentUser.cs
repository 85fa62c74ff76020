using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;

namespace KB.Web.Features.Responders;

/// <summary>
/// Reads the responder's name from the signed-in principal: the component's authentication state in pages,
/// the request's user in API endpoints (where there is no authentication state to ask).
/// </summary>
public sealed class CookieCurrentUser(AuthenticationStateProvider authenticationState, IHttpContextAccessor httpContextAccessor) : ICurrentUser
{
    public async Task<string?> NameAsync()
    {
        ClaimsPrincipal? principal;
        try
        {
            principal = (await authenticationState.GetAuthenticationStateAsync()).User;
        }
        catch (InvalidOperationException)
        {
            principal = httpContextAccessor.HttpContext?.User;
        }
        return principal?.Identity?.IsAuthenticated == true ? principal.FindFirstValue(ClaimTypes.Name) : null;
    }
}
