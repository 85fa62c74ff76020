using KB.Web.Features.Accounts;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace KB.Tests.Accounts;

/// <summary>Users made directly through the account rules, for tests about what they may do once they exist.</summary>
public static class TestUsers
{
    public const string Password = "plum orchard kettle drum 81";

    public static async Task<Account> CreateAsync(this WebApplicationFactory<Program> app, string role, string? name = null)
    {
        name ??= $"{role} {Guid.NewGuid().ToString("N")[..6]}";
        await using var scope = app.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<AccountAdmin>()
            .CreateAsync($"{name.Replace(' ', '.').ToLowerInvariant()}@example.test", name, Password, role);
        return result.Account ?? throw new InvalidOperationException(string.Join(" ", result.Problems.Values));
    }

    public static async Task<HttpClient> SignInAsAsync(this KbApp app, string role)
    {
        var account = await app.CreateAsync(role);
        return await app.SignInAsync(account.Email!, Password);
    }
}
