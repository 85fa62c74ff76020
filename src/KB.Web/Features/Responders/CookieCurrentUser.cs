using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;

namespace KB.Web.Features.Responders;

/// <summary>Reads the responder's name from the signed-in principal: the request's in endpoints, the circuit's in components.</summary>
public sealed class CookieCurrentUser(IHttpContextAccessor httpContextAccessor, AuthenticationStateProvider authenticationState) : ICurrentUser
{
    public async Task<string?> NameAsync()
    {
        var principal = httpContextAccessor.HttpContext?.User;
        if (principal?.Identity?.IsAuthenticated != true)
        {
            try
            {
                principal = (await authenticationState.GetAuthenticationStateAsync()).User;
            }
            catch (InvalidOperationException)
            {
                // Outside a component there is no authentication state to ask.
            }
        }
        return principal?.Identity?.IsAuthenticated == true ? principal.FindFirstValue(ClaimTypes.Name) : null;
    }
}
