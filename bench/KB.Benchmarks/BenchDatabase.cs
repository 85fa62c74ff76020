using KB.Web.Data;
using KB.Web.Features.Knowledge;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KB.Benchmarks;

/// <summary>A real SQLite file in a temp folder with the app's schema and a search index over it.</summary>
public sealed class BenchDatabase : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("kb-bench-").FullName;
    private readonly ServiceProvider _services;

    public BenchDatabase()
    {
        var connectionString = $"Data Source={Path.Combine(_folder, "kb.db")}";
        _services = new ServiceCollection()
            .AddDbContextFactory<KbDb>(options => options.UseSqliteFile(connectionString))
            .AddSingleton<SearchIndex>()
            .BuildServiceProvider();
        using (var db = _services.GetRequiredService<IDbContextFactory<KbDb>>().CreateDbContext())
        {
            DatabaseSetup.MigrateAsync(db).GetAwaiter().GetResult();
        }
        Index = _services.GetRequiredService<SearchIndex>();
    }

    public SearchIndex Index { get; }

    public void Dispose()
    {
        _services.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
