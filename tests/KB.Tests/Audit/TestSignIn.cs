using System.Security.Claims;
using System.Text.Encodings.Web;
using KB.Web.Features.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KB.Tests.Audit;

/// <summary>
/// Signs every request of a test app in as one user with one role (and the roles it includes). The app has no
/// sign-in of its own yet; once accounts exist, tests should sign in through them instead.
/// </summary>
public static class TestSignIn
{
    private const string Scheme = "Test";

    public static WebApplicationFactory<Program> SignedInAs(this KbApp app, string name, string role) =>
        app.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
        {
            services.AddAuthentication().AddScheme<UserOptions, Handler>(Scheme, options => (options.Name, options.Role) = (name, role));
            services.PostConfigure<AuthenticationOptions>(options => options.DefaultScheme = Scheme);
        }));

    public sealed class UserOptions : AuthenticationSchemeOptions
    {
        public string Name { get; set; } = "";
        public string Role { get; set; } = "";
    }

    private sealed class Handler(IOptionsMonitor<UserOptions> options, ILoggerFactory logger, UrlEncoder encoder)
        : AuthenticationHandler<UserOptions>(options, logger, encoder)
    {
        protected override Task<AuthenticateResult> HandleAuthenticateAsync()
        {
            var claims = Roles.Including(Options.Role).Select(role => new Claim(ClaimTypes.Role, role)).Append(new Claim(ClaimTypes.Name, Options.Name));
            var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme.Name));
            return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name)));
        }
    }
}
