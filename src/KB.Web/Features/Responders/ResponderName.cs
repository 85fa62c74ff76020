using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace KB.Web.Features.Responders;

/// <summary>The display name a responder gives once, kept in a long-lived cookie.</summary>
public static class ResponderName
{
    public const string Scheme = CookieAuthenticationDefaults.AuthenticationScheme;
    public const int MaxLength = 80;

    /// <summary>The name trimmed, or an error message a person understands.</summary>
    public static (string? Name, string? Error) Validate(string? name)
    {
        var trimmed = name?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            return (null, "Enter the name your team knows you by.");
        }
        if (LengthLimit.Problem(trimmed, MaxLength, "The name") is { } tooLong)
        {
            return (null, tooLong);
        }
        if (trimmed.Any(char.IsControl))
        {
            return (null, "The name cannot contain control characters.");
        }
        return (trimmed, null);
    }

    public static Task SignInAsync(HttpContext context, string name) =>
        context.SignInAsync(Scheme, new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, name)], Scheme)),
            new AuthenticationProperties { IsPersistent = true });

    public static IServiceCollection AddResponders(this IServiceCollection services)
    {
        services.AddAuthentication(Scheme).AddCookie(Scheme, options =>
        {
            options.Cookie.Name = "kb_responder";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.ExpireTimeSpan = TimeSpan.FromDays(365);
            options.SlidingExpiration = true;
            options.LoginPath = "/whoami";
        });
        services.AddAuthorization();
        services.AddCascadingAuthenticationState();
        services.AddHttpContextAccessor();
        services.AddScoped<ICurrentUser, CookieCurrentUser>();
        return services;
    }

    /// <summary>A local return address, so that the name form cannot be used to send people elsewhere.</summary>
    public static string SafeReturnUrl(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//") && !returnUrl.StartsWith("/\\") ? returnUrl : "/";
}
