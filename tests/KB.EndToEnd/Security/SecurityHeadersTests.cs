namespace KB.EndToEnd.Security;

[ClosesItsPages]
[Collection(PublishedAppCollection.Name)]
public class SecurityHeadersTests(PublishedApp published)
{
    [Theory]
    [InlineData("/kb")]
    [InlineData("/incidents/new")]
    [InlineData("/api/incidents")]
    [InlineData("/api/no-such-endpoint")]
    [InlineData("/app.css")]
    [InlineData("/favicon.png")]
    [InlineData("/_framework/blazor.web.js")]
    [InlineData("/no-such-page")]
    public async Task Pages_api_responses_and_static_files_carry_the_security_headers(string path)
    {
        using var client = TestAccounts.ApiClient();
        using var response = await client.GetAsync(published.BaseUrl + path);

        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        Assert.Equal("strict-origin-when-cross-origin", Header(response, "Referrer-Policy"));
        var policy = Header(response, "Content-Security-Policy").Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(directive => directive.Split(' ', 2))
            .ToDictionary(parts => parts[0], parts => parts.ElementAtOrDefault(1) ?? "");
        Assert.Equal("'self'", policy["default-src"]);
        Assert.Equal("'self'", policy["script-src"]);
        Assert.Equal("'self'", policy["connect-src"]);
        Assert.Equal("'none'", policy["object-src"]);
        Assert.Equal("'self'", policy["base-uri"]);
        Assert.Equal("'self'", policy["form-action"]);
        Assert.Equal("'none'", policy["frame-ancestors"]);
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(", ", values) : throw new Xunit.Sdk.XunitException($"{name} is missing");
}
