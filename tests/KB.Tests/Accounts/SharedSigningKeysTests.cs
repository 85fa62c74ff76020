using System.Net;
using KB.Web.Data;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace KB.Tests.Accounts;

/// <summary>Two nodes on one database: the keys that protect sign-in cookies are in the database, so both read them.</summary>
[Trait("Category", TestDatabase.Category)]
public sealed class SharedSigningKeysTests : IDisposable
{
    private readonly TestDatabase _database = new();
    private readonly TempFolder _otherKeys = new();

    public void Dispose()
    {
        _database.Dispose();
        _otherKeys.Dispose();
    }

    private static async Task<HttpStatusCode> OpenWithCookieAsync(HttpClient client, string cookie)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/kb");
        request.Headers.Add("Cookie", cookie);
        return (await client.SendAsync(request)).StatusCode;
    }

    [Fact]
    public async Task A_cookie_signed_in_on_one_node_is_accepted_by_another_on_the_same_database()
    {
        using var first = new KbApp(database: _database);
        var (_, cookie) = await first.SignInSessionAsync();
        using var second = new KbApp(database: _database);

        Assert.Equal(HttpStatusCode.OK, await OpenWithCookieAsync(second.CreateAnonymousClient(), cookie));
        await using var db = await second.Services.GetRequiredService<IDbContextFactory<KbDb>>().CreateDbContextAsync();
        Assert.NotEmpty(await db.DataProtectionKeys.ToListAsync());
    }

    [Fact]
    public async Task A_node_with_keys_of_its_own_refuses_that_cookie()
    {
        using var first = new KbApp(database: _database);
        var (_, cookie) = await first.SignInSessionAsync();
        using var second = new KbApp(database: _database);
        using var ownKeys = second.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
            services.Configure<KeyManagementOptions>(options => options.XmlRepository = new FileSystemXmlRepository(new DirectoryInfo(_otherKeys.Path), NullLoggerFactory.Instance))));

        var client = ownKeys.CreateClient(new() { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = null;

        Assert.Equal(HttpStatusCode.Redirect, await OpenWithCookieAsync(client, cookie));
    }
}

/// <summary>An upgrade from a version that kept the keys in a folder beside the SQLite file signs no one out.</summary>
public sealed class KeysFolderUpgradeTests : IDisposable
{
    private readonly TestDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task Keys_in_the_old_keys_folder_move_into_the_database_and_its_cookies_still_work()
    {
        var folder = Path.Combine(Path.GetDirectoryName(_database.SqlitePath)!, "keys");
        string cookie;
        using (var before = new KbApp(database: _database))
        using (var oldVersion = before.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
            services.Configure<KeyManagementOptions>(options => options.XmlRepository = new FileSystemXmlRepository(Directory.CreateDirectory(folder), NullLoggerFactory.Instance)))))
        {
            (_, cookie) = await SignInAsync(oldVersion);
        }
        Assert.NotEmpty(Directory.GetFiles(folder, "*.xml"));

        using var upgraded = new KbApp(database: _database);

        var client = upgraded.CreateAnonymousClient();
        var request = new HttpRequestMessage(HttpMethod.Get, "/kb");
        request.Headers.Add("Cookie", cookie);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(request)).StatusCode);
    }

    private static async Task<(HttpClient, string)> SignInAsync(Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> app)
    {
        var client = app.CreateClient(new() { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = null;
        var response = await KbApp.PostFormAsync(client, "/account/signin", "sign-in", new() { ["Form.Email"] = KbApp.AdminEmail, ["Form.Password"] = KbApp.AdminPassword });
        var cookie = response.Headers.GetValues("Set-Cookie").First(value => value.StartsWith("kb_session=", StringComparison.Ordinal));
        return (client, cookie.Split(';')[0]);
    }
}
