using System.Globalization;
using KB.Web.Features.Editing;
using KB.Web.Features.Incidents;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

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
        modelBuilder.Entity<ArticleRevision>().ToTable("article_revisions");

        foreach (var property in modelBuilder.Model.GetEntityTypes().SelectMany(entity => entity.GetProperties()))
        {
            property.SetColumnName(SnakeCase(property.Name));
        }
    }

    private static string SnakeCase(string name) =>
        string.Concat(name.Select((c, i) => char.IsUpper(c) && i > 0 ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcText>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcText>();
    }

    /// <summary>UTC times as fixed-width ISO 8601 text, so that SQLite sorts and compares them correctly as text.</summary>
    private sealed class UtcText() : ValueConverter<DateTime, string>(value => Format(value), text => Parse(text))
    {
        private static string Format(DateTime value) =>
            (value.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(value, DateTimeKind.Utc) : value.ToUniversalTime())
                .ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

        private static DateTime Parse(string text) =>
            DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
    }
}
