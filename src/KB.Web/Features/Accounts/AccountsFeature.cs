using System.Security.Claims;
using KB.Web.Data;
using KB.Web.Features.Audit;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace KB.Web.Features.Accounts;

public static class AccountsFeature
{
    /// <summary>Chooses the token handler for requests that carry a bearer token, the sign-in cookie otherwise.</summary>
    private const string CookieOrToken = "CookieOrToken";

    public const string SignInPath = "/account/signin";

    public static IServiceCollection AddAccounts(this IServiceCollection services)
    {
        // Identity's stores and AccountAdmin work on one context per request that tracks what they read and then change.
        services.AddScoped(provider =>
        {
            var db = provider.GetRequiredService<IDbContextFactory<KbDb>>().CreateDbContext();
            db.ChangeTracker.QueryTrackingBehavior = QueryTrackingBehavior.TrackAll;
            return db;
        });
        services.AddIdentityCore<Account>(options =>
            {
                options.User.RequireUniqueEmail = true;
                options.Password.RequiredLength = PasswordRules.MinLength;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequiredUniqueChars = 1;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.Lockout.AllowedForNewUsers = true;
            })
            .AddEntityFrameworkStores<KbDb>()
            .AddSignInManager()
            .AddClaimsPrincipalFactory<AccountClaims>()
            .AddPasswordValidator<PasswordRules>();
        services.Configure<PasswordHasherOptions>(options => options.IterationCount = 210_000);

        services.AddAuthentication(options =>
            {
                options.DefaultScheme = CookieOrToken;
                options.DefaultChallengeScheme = CookieOrToken;
            })
            .AddPolicyScheme(CookieOrToken, "Cookie or bearer token", options => options.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || IsSignInPage(context.Request.Path)
                    ? ApiTokens.Scheme
                    : IdentityConstants.ApplicationScheme)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiTokenHandler>(ApiTokens.Scheme, null)
            .AddCookie(IdentityConstants.ApplicationScheme, options =>
            {
                options.Cookie.Name = "kb_session";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Lax;
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.ExpireTimeSpan = SessionStore.Lifetime;
                options.SlidingExpiration = true;
                options.LoginPath = SignInPath;
                options.AccessDeniedPath = "/account/denied";
                options.Events.OnRedirectToLogin = context => RedirectOrStatus(context, StatusCodes.Status401Unauthorized);
                options.Events.OnRedirectToAccessDenied = context => RedirectOrStatus(context, StatusCodes.Status403Forbidden);
            });
        services.AddSingleton<SessionStore>();
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<SessionStore>((options, store) => options.SessionStore = store);

        services.AddAuthorization(options => options.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        services.AddCascadingAuthenticationState();
        services.AddScoped<Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider, SessionRevalidation>();
        services.AddHttpContextAccessor();
        services.AddScoped<ICurrentUser, SignedInUser>();
        services.AddSingleton<ApiTokens>();
        services.AddScoped<AccountAdmin>();
        services.AddSingleton<ThemePreference>();
        services.AddScoped<DecoyPasswordCheck>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddRequestLimits();
        services.AddSigningKeys();
        return services;
    }

    /// <summary>Browsers are sent to the sign-in page; API callers get the status code.</summary>
    private static Task RedirectOrStatus(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments("/_blazor"))
        {
            context.Response.StatusCode = status;
            if (status == StatusCodes.Status401Unauthorized)
            {
                context.Response.Headers.WWWAuthenticate = ApiTokens.Scheme;
            }
        }
        else
        {
            context.Response.Redirect(context.RedirectUri);
        }
        return Task.CompletedTask;
    }

    /// <summary>On a start with no users, KB:Admin:Email and KB:Admin:Password create the first admin.</summary>
    public static async Task EnsureFirstAdminAsync(this WebApplication app)
    {
        var email = app.Configuration["KB:Admin:Email"];
        var password = app.Configuration["KB:Admin:Password"];
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrEmpty(password))
        {
            return;
        }
        await using var scope = app.Services.CreateAsyncScope();
        var admin = scope.ServiceProvider.GetRequiredService<AccountAdmin>();
        if (await admin.AnyUsersAsync())
        {
            return;
        }
        var name = app.Configuration["KB:Admin:DisplayName"] is { Length: > 0 } configured ? configured : "Admin";
        AccountResult? result = null;
        try
        {
            result = await admin.CreateFirstAdminAsync(email, name, password);
        }
        catch (DbUpdateException)
        {
            // Another node on the same database inserted the same admin at the same moment: its unique index refused this one.
        }
        if (result?.Account is null)
        {
            await using var check = app.Services.CreateAsyncScope();
            if (await check.ServiceProvider.GetRequiredService<AccountAdmin>().AnyUsersAsync())
            {
                app.Logger.LogInformation("Another node created the first admin from KB:Admin first.");
                return;
            }
            throw new InvalidOperationException("KB:Admin could not create the first admin: " + string.Join(" ", result?.Problems.Values ?? []));
        }
        app.Logger.LogInformation("Created the first admin, {Email}, from KB:Admin.", email);
    }

    public static void MapAccountEndpoints(this WebApplication app)
    {
        app.MapPost("/account/signout", async (HttpContext context, IAntiforgery antiforgery, SignInManager<Account> signIn, AuditLog audit) =>
        {
            if (!await antiforgery.IsRequestValidAsync(context))
            {
                return Results.BadRequest();
            }
            if (context.User.Identity is { IsAuthenticated: true, Name: { } name })
            {
                await audit.RecordAsync(name, AuditActions.SignedOut, AuditSubjects.User, context.User.FindFirstValue(ClaimTypes.Email) ?? name, $"{name} signed out",
                    ip: context.Connection.RemoteIpAddress?.ToString());
            }
            await signIn.SignOutAsync();
            return Results.Redirect(SignInPath + "?signedOut=1");
        }).AllowAnonymous();
    }

    /// <summary>
    /// The framework's script (blazor.web.js) is served by the components' endpoints rather than as a static file, so the
    /// sign-in fallback would hold it back from the pages that work before anyone has signed in.
    /// </summary>
    public static TBuilder AllowFrameworkScriptsAnonymously<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder
    {
        builder.Add(endpoint =>
        {
            if (endpoint is RouteEndpointBuilder { RoutePattern.RawText: { } pattern } && pattern.TrimStart('/').StartsWith("_framework/", StringComparison.Ordinal))
            {
                endpoint.Metadata.Add(new AllowAnonymousAttribute());
            }
        });
        return builder;
    }

    /// <summary>
    /// The pages that sign someone in read no existing sign-in, so that signing in always starts a new session with a
    /// new key (the cookie handler would otherwise reuse the key of the session the browser already had).
    /// </summary>
    private static bool IsSignInPage(PathString path) =>
        path.Equals(SignInPath, StringComparison.OrdinalIgnoreCase) || path.Equals("/account/setup", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/account/invite", StringComparison.OrdinalIgnoreCase);

    /// <summary>The sign-in page, coming back to the page the navigation manager is on.</summary>
    public static string SignInUrl(NavigationManager navigation) =>
        $"{SignInPath}?ReturnUrl={Uri.EscapeDataString("/" + navigation.ToBaseRelativePath(navigation.Uri))}";

    /// <summary>A local return address, so that the sign-in form cannot be used to send people elsewhere.</summary>
    public static string SafeReturnUrl(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//") && !returnUrl.StartsWith("/\\") ? returnUrl : "/";
}
