using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;

namespace KB.Tests;

/// <summary>The whole app in memory, on its own SQLite file in a temp folder, reading the given content folder.</summary>
public sealed class KbApp : WebApplicationFactory<Program>
{
    private readonly TempFolder _folder = new();

    public KbApp(string? contentPath = null) => ContentPath = contentPath ?? TestPaths.ShippedContent;

    public string ContentPath { get; }

    public string DatabasePath => _folder.Combine("kb.db");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("ConnectionStrings:KB", $"Data Source={DatabasePath}");
        builder.UseSetting("KB:ContentPath", ContentPath);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            SqliteConnection.ClearAllPools();
            _folder.Dispose();
        }
    }
}
