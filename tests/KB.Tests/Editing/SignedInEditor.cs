using System.Security.Claims;
using System.Text.Encodings.Web;
using KB.Web.Features.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KB.Tests.Editing;

/// <summary>
/// Signs every request of a test host in as an editor. It exists only in the tests: the app itself has no way in
/// without an account.
/// </summary>
public sealed class SignedInEditor(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "TestEditor";
    public const string Name = "Erin Editor";

    public static WebApplicationFactory<Program> Host(KbApp app) =>
        app.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
            services.AddAuthentication(SchemeName).AddScheme<AuthenticationSchemeOptions, SignedInEditor>(SchemeName, null)));

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var claims = Roles.Including(Roles.Editor).Select(role => new Claim(ClaimTypes.Role, role)).Append(new Claim(ClaimTypes.Name, Name));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName)));
    }
}
