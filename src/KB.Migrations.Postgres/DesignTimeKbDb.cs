using KB.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace KB.Migrations.Postgres;

/// <summary>
/// The context `dotnet ef` builds migrations with: the app's model on PostgreSQL, with its migrations here. Adding a
/// migration needs no server; `database update` takes the server from KB_POSTGRES (an Npgsql connection string).
/// </summary>
public sealed class DesignTimeKbDb : IDesignTimeDbContextFactory<KbDb>
{
    public KbDb CreateDbContext(string[] args) => new(new DbContextOptionsBuilder<KbDb>()
        .UseNpgsql(Environment.GetEnvironmentVariable("KB_POSTGRES") ?? "Host=127.0.0.1;Database=kb_design_time",
            npgsql => npgsql.MigrationsAssembly(typeof(DesignTimeKbDb).Assembly))
        .Options);
}
