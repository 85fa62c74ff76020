using KB.Web.Features.Audit;
using KB.Web.Features.Editing;
using KB.Web.Features.Incidents;
using Microsoft.EntityFrameworkCore;

namespace KB.Web.Data;

/// <summary>
/// The app's one database. The schema is owned by the scripts in Data/Schema (applied by DbUp at start-up);
/// EF Core maps onto those tables and never creates or migrates them.
/// </summary>
public sealed class KbDb(DbContextOptions<KbDb> options) : DbContext(options)
{
    public DbSet<Incident> Incidents => Set<Incident>();
    public DbSet<ChecklistItem> ChecklistItems => Set<ChecklistItem>();
    public DbSet<TimelineEntry> TimelineEntries => Set<TimelineEntry>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<ArticleRevision> ArticleRevisions => Set<ArticleRevision>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Incident>(incident =>
        {
            incident.ToTable("incidents");
            incident.Property(x => x.Severity).HasConversion<string>();
            incident.Property(x => x.Status).HasConversion(status => status.Key(), text => Enum.Parse<IncidentStatus>(text, true));
            incident.Property(x => x.Version).IsConcurrencyToken();
            incident.HasMany(x => x.Checklist).WithOne().HasForeignKey(x => x.IncidentId);
            incident.HasMany(x => x.Timeline).WithOne().HasForeignKey(x => x.IncidentId);
            incident.Ignore(x => x.IsOpen);
        });
        modelBuilder.Entity<ChecklistItem>(item =>
        {
            item.ToTable("checklist_items");
            item.Property(x => x.Version).IsConcurrencyToken();
        });
        modelBuilder.Entity<TimelineEntry>().ToTable("timeline_entries");
        modelBuilder.Entity<AuditEntry>().ToTable("audit_entries");
        modelBuilder.Entity<ArticleRevision>().ToTable("article_revisions");

        SqliteConventions.UseSnakeCaseColumns(modelBuilder);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        SqliteConventions.StoreTimesAsUtcText(configurationBuilder);
}
