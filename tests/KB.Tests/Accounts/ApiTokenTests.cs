using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using KB.Web.Data;
using KB.Web.Features.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KB.Tests.Accounts;

/// <summary>Personal API tokens of disabled users, and the rate limits on sign-in and the API (the profile page: ProfilePageTests).</summary>
public sealed class ApiTokenTests : IDisposable
{
    private readonly KbApp _app = new();

    [Fact]
    public async Task A_disabled_users_tokens_stop_working()
    {
        var owner = await _app.CreateAsync(Roles.Responder);
        string token;
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            (_, token) = await scope.ServiceProvider.GetRequiredService<ApiTokens>().CreateAsync(owner.Id, "cron");
            var adminId = (await scope.ServiceProvider.GetRequiredService<KbDb>().Users.SingleAsync(x => x.Email == KbApp.AdminEmail)).Id;
            await scope.ServiceProvider.GetRequiredService<AccountAdmin>().SetDisabledAsync(owner.Id, true, adminId, "Admin");
        }
        var api = _app.CreateAnonymousClient();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/incidents")).StatusCode);
    }

    [Fact]
    public async Task The_api_answers_429_with_retry_after_over_its_rate_limit()
    {
        using var app = new KbApp(settings: new() { ["KB:RateLimits:ApiPerMinute"] = "5" });
        var client = app.CreateClient();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 7; i++)
        {
            statuses.Add((await client.GetAsync("/api/articles")).StatusCode);
        }
        var limited = await client.GetAsync("/api/articles");

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.OK, 5), statuses.Take(5));
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal("60", limited.Headers.GetValues("Retry-After").Single());
    }

    [Fact]
    public async Task Sign_in_attempts_answer_429_over_their_rate_limit_while_pages_still_load()
    {
        using var app = new KbApp(settings: new() { ["KB:RateLimits:SignInPerMinute"] = "3" });
        var client = app.CreateAnonymousClient();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            var response = await KbApp.PostFormAsync(client, "/account/signin", "sign-in", new() { ["Form.Email"] = "guess@example.test", ["Form.Password"] = "guess number " + i });
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account/signin")).StatusCode);
    }

    public void Dispose() => _app.Dispose();
}
