using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace KB.Tests.ApiReference;

public sealed class OpenApiDocumentTests : IDisposable
{
    private readonly KbApp _app = new();
    private readonly HttpClient _client;

    public OpenApiDocumentTests() => _client = _app.CreateClient();

    public void Dispose() => _app.Dispose();

    private async Task<JsonElement> DocumentAsync()
    {
        var response = await _client.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    [Fact]
    public async Task Every_mapped_api_route_is_in_the_document_with_its_authentication()
    {
        var paths = (await DocumentAsync()).GetProperty("paths");
        var routes = _app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(endpoint => endpoint.RoutePattern.RawText!.StartsWith("/api/", StringComparison.Ordinal))
            .Where(endpoint => endpoint.RoutePattern.RawText != "/api/{**path}") // the 404 answer for unknown addresses
            .ToList();

        Assert.True(routes.Count >= 9, $"only {routes.Count} /api routes found");
        foreach (var route in routes)
        {
            var path = OpenApiPath(route.RoutePattern);
            var methods = route.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [];
            Assert.NotEmpty(methods);
            foreach (var method in methods)
            {
                var operation = paths.TryGetProperty(path, out var operations) && operations.TryGetProperty(method.ToLowerInvariant(), out var found) ? found : default;
                Assert.True(operation.ValueKind == JsonValueKind.Object, $"{method} {path} is not in the OpenAPI document");
                var schemes = operation.GetProperty("security").EnumerateArray().SelectMany(requirement => requirement.EnumerateObject().Select(scheme => scheme.Name));
                Assert.Contains("bearer", schemes);
                Assert.True(operation.GetProperty("responses").TryGetProperty("401", out _), $"{method} {path} does not say it answers 401");
            }
        }
    }

    [Fact]
    public async Task The_document_declares_the_bearer_scheme_and_the_roles_endpoints_need()
    {
        var document = await DocumentAsync();

        var bearer = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("bearer");
        Assert.Equal("http", bearer.GetProperty("type").GetString());
        Assert.Equal("bearer", bearer.GetProperty("scheme").GetString());
        var webhook = document.GetProperty("paths").GetProperty("/api/alerts/alertmanager").GetProperty("post");
        Assert.Contains("Responder", webhook.GetProperty("description").GetString());
        Assert.True(webhook.GetProperty("responses").TryGetProperty("202", out _));
        Assert.True(webhook.GetProperty("requestBody").GetProperty("content").TryGetProperty("application/json", out _));
    }

    [Fact]
    public async Task The_reference_page_is_served_by_the_app_with_its_own_script()
    {
        var page = await _client.GetStringAsync("/api-reference/");

        var script = System.Text.RegularExpressions.Regex.Match(page, "<script [^>]*src=\"([^\"]+)\"").Groups[1].Value;
        Assert.True(script.Length > 0 && !script.Contains("//"), page);
        var response = await _client.GetAsync(new Uri(new Uri("http://localhost/api-reference/"), script));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task The_document_needs_a_token_or_a_sign_in()
    {
        var response = await _app.CreateAnonymousClient().GetAsync("/openapi/v1.json");

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>"/api/incidents/{id:int}" as OpenAPI writes it: "/api/incidents/{id}".</summary>
    private static string OpenApiPath(RoutePattern pattern) =>
        "/" + string.Join('/', pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternParameterPart parameter => "{" + parameter.Name + "}",
            _ => "",
        }))));
}
