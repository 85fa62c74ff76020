using System.Net;
using KB.Web.Features.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace KB.Tests.Accounts;

/// <summary>Signing in and out through the form, lockout, and sessions that end when they should.</summary>
public sealed class SignInTests : IDisposable
{
    private readonly KbApp _app = new();

    private Task<HttpResponseMessage> TrySignInAsync(HttpClient client, string email, string password) =>
        KbApp.PostFormAsync(client, "/account/signin", "sign-in", new() { ["Form.Email"] = email, ["Form.Password"] = password });

    [Fact]
    public async Task The_sign_in_page_has_labelled_fields_and_a_sign_in_button()
    {
        var page = await _app.CreateAnonymousClient().GetStringAsync("/account/signin");

        Assert.Contains("<label for=\"email\">Email</label>", page);
        Assert.Contains("<label for=\"password\">Password</label>", page);
        Assert.Matches("<button type=\"submit\"[^>]*>(<span[^>]*>)?Sign in(</span>)?</button>", page);
        Assert.DoesNotContain("top-nav", page);
    }

    [Fact]
    public async Task Signing_in_returns_to_the_page_asked_for()
    {
        var client = _app.CreateAnonymousClient();
        var page = await client.GetStringAsync("/account/signin?ReturnUrl=%2Fincidents");
        Assert.Contains("Sign in", page);

        var response = await KbApp.PostFormAsync(client, "/account/signin?ReturnUrl=%2Fincidents", "sign-in",
            new() { ["Form.Email"] = KbApp.AdminEmail, ["Form.Password"] = KbApp.AdminPassword });

        Assert.Equal("/incidents", response.Headers.Location?.PathAndQuery);
        Assert.Equal("localhost", response.Headers.Location?.Host);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/incidents")).StatusCode);
    }

    [Theory]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example/")]
    [InlineData("/\\evil.example/")]
    public async Task The_return_address_cannot_lead_off_the_site(string returnUrl)
    {
        var client = _app.CreateAnonymousClient();

        var response = await KbApp.PostFormAsync(client, "/account/signin?ReturnUrl=" + Uri.EscapeDataString(returnUrl), "sign-in",
            new() { ["Form.Email"] = KbApp.AdminEmail, ["Form.Password"] = KbApp.AdminPassword });

        Assert.Equal("/", response.Headers.Location?.PathAndQuery);
        Assert.Equal("localhost", response.Headers.Location?.Host);
    }

    [Fact]
    public async Task A_wrong_password_says_so_without_telling_which_part_was_wrong_and_never_echoes_it()
    {
        var client = _app.CreateAnonymousClient();

        var wrongPassword = await TrySignInAsync(client, KbApp.AdminEmail, "not the password at all");
        var unknownUser = await TrySignInAsync(client, "nobody@example.test", "not the password at all");

        foreach (var response in new[] { wrongPassword, unknownUser })
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = await response.Content.ReadAsStringAsync();
            Assert.Contains("The email or the password is not right.", page);
            Assert.DoesNotContain("not the password at all", page);
        }
        Assert.Equal("/account/signin", (await client.GetAsync("/kb")).Headers.Location?.AbsolutePath);
    }

    [Fact]
    public async Task Five_failures_lock_the_account_for_a_while_even_for_the_right_password()
    {
        var account = await _app.CreateAsync(Roles.Viewer);
        var client = _app.CreateAnonymousClient();
        for (var attempt = 0; attempt < 5; attempt++)
        {
            await TrySignInAsync(client, account.Email!, "wrong password number " + attempt);
        }

        var response = await TrySignInAsync(client, account.Email!, TestUsers.Password);

        Assert.Contains("locked for 15 minutes", await response.Content.ReadAsStringAsync());
        Assert.Null(response.Headers.Location);
    }

    [Fact]
    public async Task Signing_out_ends_the_session_on_the_server_so_a_copied_cookie_stops_working()
    {
        var (client, cookie) = await _app.SignInSessionAsync();
        var replay = _app.CreateAnonymousClient();

        var page = await client.GetStringAsync("/kb");
        var token = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        var signOut = await client.PostAsync("/account/signout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));

        Assert.Equal("/account/signin?signedOut=1", signOut.Headers.Location?.OriginalString);
        var request = new HttpRequestMessage(HttpMethod.Get, "/kb");
        request.Headers.Add("Cookie", cookie);
        Assert.Equal(HttpStatusCode.Redirect, (await replay.SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task Signing_out_without_the_antiforgery_token_is_refused()
    {
        var client = await _app.SignInAsync();

        var response = await client.PostAsync("/account/signout", new FormUrlEncodedContent(new Dictionary<string, string>()));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/kb")).StatusCode);
    }

    [Fact]
    public async Task A_disabled_user_cannot_sign_in_and_their_open_sessions_end()
    {
        var account = await _app.CreateAsync(Roles.Responder);
        var session = await _app.SignInAsync(account.Email!, TestUsers.Password);
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var admin = await scope.ServiceProvider.GetRequiredService<UserManager<Account>>().FindByEmailAsync(KbApp.AdminEmail);
            var (_, problem) = await scope.ServiceProvider.GetRequiredService<AccountAdmin>().SetDisabledAsync(account.Id, true, admin!.Id, "Admin");
            Assert.Null(problem);
        }

        Assert.Equal(HttpStatusCode.Redirect, (await session.GetAsync("/kb")).StatusCode);
        var again = await TrySignInAsync(_app.CreateAnonymousClient(), account.Email!, TestUsers.Password);
        Assert.Contains("The email or the password is not right.", await again.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Unknown_and_disabled_emails_cost_a_password_check_like_real_ones_so_timing_does_not_tell_them_apart()
    {
        var hasher = new CountingPasswordHasher();
        using var app = _app.WithWebHostBuilder(builder =>
            builder.ConfigureTestServices(services => services.AddSingleton<IPasswordHasher<Account>>(hasher)));
        var disabled = await app.CreateAsync(Roles.Viewer);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var admin = await scope.ServiceProvider.GetRequiredService<UserManager<Account>>().FindByEmailAsync(KbApp.AdminEmail);
            await scope.ServiceProvider.GetRequiredService<AccountAdmin>().SetDisabledAsync(disabled.Id, true, admin!.Id, "Admin");
        }
        var client = app.CreateClient(new() { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = null;

        var checks = new List<int>();
        foreach (var email in new[] { KbApp.AdminEmail, "nobody@example.test", disabled.Email! })
        {
            var before = hasher.Verifications;
            await TrySignInAsync(client, email, "not the password at all");
            checks.Add(hasher.Verifications - before);
        }

        Assert.Equal([1, 1, 1], checks);
    }

    private sealed class CountingPasswordHasher : IPasswordHasher<Account>
    {
        private readonly PasswordHasher<Account> _real = new(Options.Create(new PasswordHasherOptions { IterationCount = 210_000 }));
        private int _verifications;

        public int Verifications => _verifications;

        public string HashPassword(Account user, string password) => _real.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(Account user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref _verifications);
            return _real.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }

    [Fact]
    public async Task Passwords_are_hashed_with_pbkdf2_at_210000_iterations_or_more()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var admin = await scope.ServiceProvider.GetRequiredService<UserManager<Account>>().FindByEmailAsync(KbApp.AdminEmail);

        var hash = Convert.FromBase64String(admin!.PasswordHash!);

        Assert.Equal(0x01, hash[0]); // Identity's v3 format: PBKDF2 with the PRF and iteration count in the header
        Assert.Equal(2u, System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(hash.AsSpan(1))); // HMAC-SHA512
        Assert.True(System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(hash.AsSpan(5)) >= 210_000);
    }

    public void Dispose() => _app.Dispose();
}
