using System.Net;
using System.Net.Http.Json;
using KB.Web.Features.Audit;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KB.Tests.Accounts;

/// <summary>Sign-ins, account changes and backups leave audit entries; the admin's backup button gives a restorable file.</summary>
public sealed class AccountAuditTests : IDisposable
{
    private readonly KbApp _app = new();
    private readonly TempFolder _folder = new();

    private async Task<List<AuditEntry>> EntriesAsync(string action)
    {
        await using var db = await _app.Services.GetRequiredService<IDbContextFactory<KB.Web.Data.KbDb>>().CreateDbContextAsync();
        return await db.AuditEntries.Where(entry => entry.Action == action).OrderBy(entry => entry.Id).ToListAsync();
    }

    [Fact]
    public async Task Sign_ins_that_succeed_and_fail_are_audited_with_who_and_the_address_but_never_the_password()
    {
        await KbApp.PostFormAsync(_app.CreateAnonymousClient(), "/account/signin", "sign-in", new() { ["Form.Email"] = KbApp.AdminEmail, ["Form.Password"] = "guessing-at-the-password" });
        await _app.SignInAsync();

        var failed = Assert.Single(await EntriesAsync(AuditActions.SignInFailed));
        var succeeded = Assert.Single(await EntriesAsync(AuditActions.SignInSucceeded));
        Assert.Equal((KbApp.AdminEmail, "Sign-in failed: wrong password"), (failed.Actor, failed.Summary));
        Assert.Equal("Admin", succeeded.Actor);
        await using var db = await _app.Services.GetRequiredService<IDbContextFactory<KB.Web.Data.KbDb>>().CreateDbContextAsync();
        Assert.DoesNotContain(await db.AuditEntries.ToListAsync(), entry => (entry.Summary + entry.BeforeJson + entry.AfterJson).Contains("guessing-at-the-password"));
    }

    [Fact]
    public async Task A_sign_in_with_an_overlong_email_is_audited_with_the_email_cut_to_the_longest_an_account_may_have()
    {
        var email = new string('a', 100_000) + "@example.test";

        await KbApp.PostFormAsync(_app.CreateAnonymousClient(), "/account/signin", "sign-in", new() { ["Form.Email"] = email, ["Form.Password"] = "whatever it is" });

        var failed = Assert.Single(await EntriesAsync(AuditActions.SignInFailed));
        Assert.Equal(KB.Web.Features.Accounts.Account.MaxEmailLength, failed.Actor.Length);
        Assert.Equal(failed.Actor, failed.SubjectId);
    }

    [Fact]
    public async Task The_admin_backup_button_downloads_a_database_that_opens_with_the_data_and_is_audited()
    {
        await _app.CreateClient().PostAsJsonAsync("/api/incidents", new { title = "Kept in the backup", service = "web" });
        var admin = await _app.SignInAsync();
        var page = await admin.GetStringAsync("/admin");
        var token = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;

        var response = await admin.PostAsync("/admin/backup", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("502desk-backup-", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var file = _folder.Combine("restored.db");
        await File.WriteAllBytesAsync(file, await response.Content.ReadAsByteArrayAsync());
        await using (var restored = new SqliteConnection($"Data Source={file};Pooling=false"))
        {
            await restored.OpenAsync();
            await using var command = restored.CreateCommand();
            command.CommandText = "SELECT title FROM incidents";
            Assert.Equal("Kept in the backup", (string?)await command.ExecuteScalarAsync());
        }
        Assert.Single(await EntriesAsync(AuditActions.BackupDownloaded));
        Assert.Equal(HttpStatusCode.Forbidden, (await _app.CreateClient().PostAsync("/admin/backup", new FormUrlEncodedContent([]))).StatusCode);
    }

    public void Dispose()
    {
        _app.Dispose();
        _folder.Dispose();
    }
}
