using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace KB.Tests;

/// <summary>
/// The whole app in memory, on a database of its own (a SQLite file in a temp folder, or a PostgreSQL database: see
/// <see cref="TestDatabase"/>) or on another app's, reading the given content folder. It starts
/// with an admin (<see cref="AdminEmail"/>) and a configured API token; clients send that token unless asked not to,
/// so they act as "automation (token 1)" with the Responder role.
/// </summary>
public sealed partial class KbApp : WebApplicationFactory<Program>
{
    public const string AdminEmail = "admin@example.test";
    public const string AdminPassword = "correct-horse-battery-staple-42";
    public const string Token = "test-token-0123456789abcdef";

    /// <summary>Settings for an app that starts with no users at all (and so with an empty audit trail).</summary>
    public static Dictionary<string, string?> WithoutAdmin => new() { ["KB:Admin:Email"] = "", ["KB:Admin:Password"] = "" };

    private readonly bool _ownsDatabase;
    private readonly Dictionary<string, string?> _settings;

    /// <param name="database">A database another app uses too (a second node); the caller disposes it.</param>
    public KbApp(string? contentPath = null, Dictionary<string, string?>? settings = null, TestDatabase? database = null)
    {
        ContentPath = contentPath ?? TestPaths.ShippedContent;
        _settings = settings ?? [];
        _ownsDatabase = database is null;
        Database = database ?? new TestDatabase();
    }

    public string ContentPath { get; }

    public TestDatabase Database { get; }

    public string DatabasePath => Database.SqlitePath;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        foreach (var (key, value) in Database.Settings)
        {
            builder.UseSetting(key, value);
        }
        builder.UseSetting("KB:ContentPath", ContentPath);
        builder.UseSetting("KB:Admin:Email", AdminEmail);
        builder.UseSetting("KB:Admin:Password", AdminPassword);
        builder.UseSetting("KB:ApiTokens:0", Token);
        builder.UseSetting("KB:RateLimits:ApiPerMinute", "100000");
        builder.UseSetting("KB:RateLimits:SignInPerMinute", "1000");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }

    protected override void ConfigureClient(HttpClient client)
    {
        base.ConfigureClient(client);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
    }

    /// <summary>A client with no token and no cookie: what a stranger's browser or script sees.</summary>
    public HttpClient CreateAnonymousClient(bool followRedirects = false)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = followRedirects });
        client.DefaultRequestHeaders.Authorization = null;
        return client;
    }

    /// <summary>Signs in through the sign-in form, as a browser does, and returns the client holding the session cookie.</summary>
    public async Task<HttpClient> SignInAsync(string email = AdminEmail, string password = AdminPassword) =>
        (await SignInSessionAsync(email, password)).Client;

    /// <summary>Signs in and also hands over the session cookie as the server set it, to replay from elsewhere.</summary>
    public async Task<(HttpClient Client, string Cookie)> SignInSessionAsync(string email = AdminEmail, string password = AdminPassword)
    {
        var client = CreateAnonymousClient();
        var response = await PostFormAsync(client, "/account/signin", "sign-in", new() { ["Form.Email"] = email, ["Form.Password"] = password });
        var cookie = response.Headers.TryGetValues("Set-Cookie", out var values) ? values.FirstOrDefault(value => value.StartsWith("kb_session=")) : null;
        if (cookie is null || response.Headers.Location?.OriginalString.StartsWith("/account/signin") != false)
        {
            throw new InvalidOperationException($"Signing in as {email} failed: {(int)response.StatusCode}");
        }
        return (client, cookie.Split(';')[0]);
    }

    /// <summary>Posts a server-rendered form the way the browser would: with the page's antiforgery token and form name.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string path, string formName, Dictionary<string, string> fields)
    {
        var page = await client.GetStringAsync(path);
        var token = AntiforgeryField().Match(page).Groups[1].Value;
        var body = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = token, ["_handler"] = formName };
        return await client.PostAsync(path, new FormUrlEncodedContent(body));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && _ownsDatabase)
        {
            Database.Dispose();
        }
    }
}
