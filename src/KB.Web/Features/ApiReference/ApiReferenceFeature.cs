using System.Security.Cryptography;
using KB.Web.Components;
using Scalar.AspNetCore;

namespace KB.Web.Features.ApiReference;

/// <summary>The OpenAPI document of the /api endpoints (/openapi/v1.json) and the Scalar page that shows it (/api-reference).</summary>
public static class ApiReferenceFeature
{
    public const string PagePath = "/api-reference";

    /// <summary>
    /// The app's policy with the one exception Scalar's page needs: its inline start-up script, allowed by a nonce made
    /// for each response. Scalar's own script is served by the app ('self'), and its default fonts (a CDN) are off.
    /// </summary>
    public static string PagePolicy(string nonce) =>
        SecurityHeaders.ContentSecurityPolicy.Replace("script-src 'self'", $"script-src 'self' 'nonce-{nonce}'", StringComparison.Ordinal);

    public static IServiceCollection AddApiReference(this IServiceCollection services) =>
        services.AddOpenApi(options =>
        {
            options.ShouldInclude = description => description.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true;
            options.AddDocumentTransformer<ApiAuthentication>();
            options.AddOperationTransformer<ApiAuthentication>();
        });

    public static WebApplication MapApiReference(this WebApplication app)
    {
        app.MapOpenApi();
        app.MapScalarApiReference(PagePath, (options, context) =>
        {
            var nonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
            context.Items[SecurityHeaders.PagePolicyKey] = PagePolicy(nonce);
            options.WithTitle("502 Desk API")
                .DisableDefaultFonts()
                .AddPreferredSecuritySchemes(ApiAuthentication.Bearer)
                .WithNonce(nonce);
        });
        return app;
    }
}
