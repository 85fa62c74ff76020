using KB.Web.Features.Accounts;
using KB.Web.Features.Audit;
using KB.Web.Features.Editing;
using KB.Web.Features.Incidents;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace KB.Web.Data;

/// <summary>
/// The app's one database: incidents, the audit trail, article revisions, and Identity's users with their sessions,
/// API tokens and invitations. The schema is owned by the scripts in Data/Schema (applied by DbUp at start-up);
/// EF Core maps onto those tables and never creates or migrates them.
/// </summary>
public sealed class KbDb(DbContextOptions<KbDb> options) : IdentityUserContext<Account>(options)
{
    public DbSet<Incident> Incidents => Set<Incident>();
    public DbSet<ChecklistItem> ChecklistItems => Set<ChecklistItem>();
    public DbSet<TimelineEntry> TimelineEntries => Set<TimelineEntry>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<ArticleRevision> ArticleRevisions => Set<ArticleRevision>();
    public DbSet<Session> Sessions => Set<Session>();
    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();
    public DbSet<Invitation> Invitations => Set<Invitation>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
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
        modelBuilder.Entity<Account>(account =>
        {
            account.ToTable("users");
            account.Ignore(x => x.IsDisabled);
        });
        modelBuilder.Entity<IdentityUserClaim<string>>().ToTable("user_claims");
        modelBuilder.Entity<IdentityUserLogin<string>>().ToTable("user_logins");
        modelBuilder.Entity<IdentityUserToken<string>>().ToTable("user_tokens");
        modelBuilder.Entity<Session>().ToTable("sessions");
        modelBuilder.Entity<ApiToken>().ToTable("api_tokens");
        modelBuilder.Entity<Invitation>().ToTable("invitations");

        SqliteConventions.UseSnakeCaseColumns(modelBuilder);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        SqliteConventions.StoreTimesAsUtcText(configurationBuilder);
}
