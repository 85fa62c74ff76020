using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;

namespace KB.Web.Features.Accounts;

/// <summary>
/// An open page (a Blazor circuit) keeps the sign-in it started with; this asks every few seconds whether that
/// session still exists, so a user who signs out elsewhere, or is disabled, stops being able to act within the interval.
/// </summary>
public sealed class SessionRevalidation(ILoggerFactory loggerFactory, SessionStore sessions, IConfiguration configuration)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval { get; } = TimeSpan.FromSeconds(Math.Clamp(configuration.GetValue("KB:Accounts:RevalidateSeconds", 30), 1, 60));

    protected override Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken) =>
        sessions.IsLiveAsync(authenticationState.User, cancellationToken);
}
