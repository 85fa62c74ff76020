using KB.Web.Features.Accounts;
using KB.Web.Features.Audit;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.EntityFrameworkCore;

namespace KB.Web.Data;

/// <summary>The admin's backup button: the same online backup as the `backup` command, streamed as a download.</summary>
public static class BackupDownload
{
    public static void MapBackupDownload(this WebApplication app) =>
        app.MapPost("/admin/backup", async (HttpContext context, IAntiforgery antiforgery, IDbContextFactory<KbDb> dbFactory, DatabaseProvider provider, AuditLog audit, TimeProvider clock) =>
        {
            if (!await antiforgery.IsRequestValidAsync(context))
            {
                return Results.BadRequest();
            }
            if (provider == DatabaseProvider.Postgres)
            {
                return Results.Problem(DatabaseBackup.PostgresBackups, statusCode: StatusCodes.Status501NotImplemented);
            }
            await using var db = await dbFactory.CreateDbContextAsync();
            var file = Path.Combine(Path.GetTempPath(), $"kb-backup-{Guid.NewGuid():N}.db");
            if (await DatabaseBackup.BackupAsync(db.Database.GetConnectionString()!, file, context.RequestAborted) != 0)
            {
                return Results.Problem("The backup could not be made; the app log says why.", statusCode: StatusCodes.Status500InternalServerError);
            }
            await audit.RecordAsync(context.User.Identity?.Name ?? "admin", AuditActions.BackupDownloaded, AuditSubjects.Database, "kb", "Downloaded a backup of the database",
                after: new { Bytes = new FileInfo(file).Length }, ip: context.Connection.RemoteIpAddress?.ToString());
            var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 64 * 1024, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
            return Results.File(stream, "application/vnd.sqlite3", $"502desk-backup-{clock.GetUtcNow():yyyyMMdd-HHmmss}.db");
        }).RequireAuthorization(policy => policy.RequireRole(Roles.Admin));
}
