using System.Data.Common;
using KB.Web.Data;
using KB.Web.Features.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KB.Tests.Audit;

/// <summary>The database itself keeps the audit trail append-only, whatever the app or a person with a SQL shell does.</summary>
[Trait("Category", TestDatabase.Category)]
public sealed class AppendOnlyTests : IDisposable
{
    private readonly KbApp _app = new(settings: KbApp.WithoutAdmin); // an audit trail that starts empty

    public AppendOnlyTests() => _ = _app.Server;

    public void Dispose() => _app.Dispose();

    private async Task<AuditEntry> RecordOneAsync()
    {
        await _app.Services.GetRequiredService<AuditLog>().RecordAsync("Ada", AuditActions.UserRole, AuditSubjects.User, "ada@example.com",
            "Ada is now Admin", before: new { Role = "Editor" }, after: new { Role = "Admin" }, ip: "10.0.0.7");
        await using var db = await NewDbAsync();
        return await db.AuditEntries.SingleAsync();
    }

    private Task<KbDb> NewDbAsync() => _app.Services.GetRequiredService<IDbContextFactory<KbDb>>().CreateDbContextAsync();

    /// <summary>Runs SQL on a connection of its own, past EF Core, as a person with a SQL shell would.</summary>
    private async Task<DbException> RawSqlFailsAsync(string sql)
    {
        await using var db = await NewDbAsync();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await Assert.ThrowsAnyAsync<DbException>(() => command.ExecuteNonQueryAsync());
    }

    [Fact]
    public async Task Recording_keeps_who_what_when_and_the_fields_before_and_after()
    {
        var entry = await RecordOneAsync();

        Assert.Equal(("Ada", "user.role", "user", "ada@example.com", "10.0.0.7"), (entry.Actor, entry.Action, entry.SubjectType, entry.SubjectId, entry.Ip));
        Assert.Equal("""{"role":"Editor"}""", entry.BeforeJson);
        Assert.Equal("""{"role":"Admin"}""", entry.AfterJson);
        Assert.Equal(DateTime.UtcNow, entry.At, TimeSpan.FromMinutes(1));
    }

    [Fact]
    public async Task An_update_is_refused_and_the_entry_is_unchanged()
    {
        var entry = await RecordOneAsync();

        var error = await RawSqlFailsAsync("UPDATE audit_entries SET actor = 'Mallory', summary = 'nothing happened'");

        Assert.Contains("audit entries are append-only", error.Message);
        await using var db = await NewDbAsync();
        var reread = await db.AuditEntries.SingleAsync();
        Assert.Equal((entry.Actor, entry.Summary, entry.AfterJson), (reread.Actor, reread.Summary, reread.AfterJson));
    }

    [Fact]
    public async Task A_delete_is_refused_and_the_entry_stays()
    {
        var entry = await RecordOneAsync();

        var error = await RawSqlFailsAsync($"DELETE FROM audit_entries WHERE id = {entry.Id}");

        Assert.Contains("audit entries are append-only", error.Message);
        await using var db = await NewDbAsync();
        Assert.Equal(entry.Summary, (await db.AuditEntries.SingleAsync()).Summary);
    }

    [Fact]
    public async Task The_app_cannot_update_or_delete_an_entry_through_ef_core_either()
    {
        await RecordOneAsync();
        await using var db = await NewDbAsync();

        var update = await Assert.ThrowsAnyAsync<DbException>(() => db.AuditEntries.ExecuteUpdateAsync(set => set.SetProperty(x => x.Actor, "Mallory")));
        var delete = await Assert.ThrowsAnyAsync<DbException>(() => db.AuditEntries.ExecuteDeleteAsync());

        Assert.Contains("audit entries are append-only", update.Message);
        Assert.Contains("audit entries are append-only", delete.Message);
        Assert.Equal("Ada", (await db.AuditEntries.SingleAsync()).Actor);
    }
}
