using BenchmarkDotNet.Attributes;
using KB.Web.Features.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace KB.Benchmarks;

/// <summary>
/// What a sign-in costs the server: hashing a password with PBKDF2-HMAC-SHA512 at the app's 210,000 iterations,
/// against the library default, and the common-password check that runs on every new password.
/// </summary>
[MemoryDiagnoser]
public class AccountBenchmarks
{
    private const string Password = "correct-horse-battery-staple-42";
    private readonly Account _account = new() { Email = "ana@example.test", DisplayName = "Ana Lima" };
    private PasswordHasher<Account> _app = null!;
    private PasswordHasher<Account> _default = null!;
    private string _appHash = "";

    [GlobalSetup]
    public void Setup()
    {
        _app = new PasswordHasher<Account>(Options.Create(new PasswordHasherOptions { IterationCount = 210_000 }));
        _default = new PasswordHasher<Account>();
        _appHash = _app.HashPassword(_account, Password);
    }

    [Benchmark(Baseline = true)]
    public PasswordVerificationResult VerifyAt210000() => _app.VerifyHashedPassword(_account, _appHash, Password);

    [Benchmark]
    public string HashAtLibraryDefault() => _default.HashPassword(_account, Password);

    [Benchmark]
    public string? CommonPasswordCheck() => PasswordRules.Problem(Password, _account.Email, _account.DisplayName);
}
