using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace KB.Web.Features.ApiReference;

/// <summary>
/// Says in the OpenAPI document how every /api endpoint is called: with a bearer token (KB:ApiTokens or a personal
/// token from the profile page) or the sign-in cookie of a browser, and which role it needs.
/// </summary>
internal sealed class ApiAuthentication : IOpenApiDocumentTransformer, IOpenApiOperationTransformer
{
    public const string Bearer = "bearer";
    public const string Cookie = "cookie";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info.Title = "502 Desk API";
        document.Info.Description = "The knowledge base, triage, incidents and alert webhooks of 502 Desk. Every endpoint needs a bearer token "
            + "(one of KB:ApiTokens, acting as Responder, or a personal token created on the profile page, acting with its owner's role) or a signed-in browser.";
        document.AddComponent<IOpenApiSecurityScheme>(Bearer, new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "Authorization: Bearer <token>: a token from KB:ApiTokens, or a personal token (kb_…) from Profile and API tokens.",
        });
        document.AddComponent<IOpenApiSecurityScheme>(Cookie, new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Cookie,
            Name = "kb_session",
            Description = "The session cookie of a browser signed in to 502 Desk (the reference page's own requests use it).",
        });
        return Task.CompletedTask;
    }

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        if (metadata.OfType<IAllowAnonymous>().Any())
        {
            return Task.CompletedTask;
        }
        operation.Security =
        [
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Bearer, context.Document)] = [] },
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Cookie, context.Document)] = [] },
        ];
        operation.Responses ??= [];
        operation.Responses.TryAdd("401", new OpenApiResponse { Description = "No valid bearer token or sign-in." });
        var roles = metadata.OfType<AuthorizationPolicy>().SelectMany(policy => policy.Requirements).OfType<Microsoft.AspNetCore.Authorization.Infrastructure.RolesAuthorizationRequirement>()
            .SelectMany(requirement => requirement.AllowedRoles).Distinct().ToList();
        if (roles.Count > 0)
        {
            operation.Description = $"{operation.Description}\n\nNeeds the {string.Join(" or ", roles)} role (or a higher one).".TrimStart();
            operation.Responses.TryAdd("403", new OpenApiResponse { Description = $"The token or user lacks the {string.Join(" or ", roles)} role." });
        }
        return Task.CompletedTask;
    }
}
