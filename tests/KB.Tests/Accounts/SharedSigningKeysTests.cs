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
