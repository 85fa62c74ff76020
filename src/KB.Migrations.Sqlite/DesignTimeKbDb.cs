using KB.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace KB.Migrations.Sqlite;

/// <summary>The context `dotnet ef` builds migrations with: the app's model on SQLite, with its migrations here.</summary>
public sealed class DesignTimeKbDb : IDesignTimeDbContextFactory<KbDb>
{
    public KbDb CreateDbContext(string[] args) => new(new DbContextOptionsBuilder<KbDb>()
        .UseSqlite("Data Source=kb-design-time.db", sqlite => sqlite.MigrationsAssembly(typeof(DesignTimeKbDb).Assembly))
        .Options);
}
