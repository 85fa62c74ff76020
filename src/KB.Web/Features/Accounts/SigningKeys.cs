using System.Xml.Linq;
using KB.Web.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace KB.Web.Features.Accounts;

/// <summary>
/// The Data Protection keys that protect sign-in cookies (and antiforgery tokens) live in the database, so every node
/// of a deployment reads the same key ring and a restart signs no one out.
/// </summary>
public static class SigningKeys
{
    public static void AddSigningKeys(this IServiceCollection services) =>
        services.AddDataProtection().SetApplicationName("502-desk").PersistKeysToDbContext<KbDb>();

    /// <summary>
    /// Earlier versions kept the keys in a `keys/` folder beside the SQLite file. On a database that holds no keys yet,
    /// they are copied in, so the upgrade signs no one out; the folder is left as it was.
    /// </summary>
    public static async Task ImportKeysFolderAsync(this WebApplication app)
    {
        if (app.Services.GetRequiredService<DatabaseProvider>() != DatabaseProvider.Sqlite)
        {
            return;
        }
        var database = new SqliteConnectionStringBuilder(DatabaseSetup.ResolveConnectionString(app.Configuration.GetConnectionString("KB"), app.Environment.ContentRootPath)).DataSource;
        var folder = Path.Combine(Path.GetDirectoryName(database) ?? app.Environment.ContentRootPath, "keys");
        if (!Directory.Exists(folder))
        {
            return;
        }
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<KbDb>>().CreateDbContextAsync();
        if (await db.DataProtectionKeys.AnyAsync())
        {
            return;
        }
        foreach (var file in Directory.EnumerateFiles(folder, "*.xml"))
        {
            // The form the database repository stores a key in: the element without formatting, named by its file.
            db.DataProtectionKeys.Add(new DataProtectionKey { FriendlyName = Path.GetFileNameWithoutExtension(file), Xml = XElement.Load(file).ToString(SaveOptions.DisableFormatting) });
        }
        var imported = await db.SaveChangesAsync();
        app.Logger.LogInformation("Moved {Count} sign-in keys from {Folder} into the database.", imported, folder);
    }
}
