using KB.Web.Features.Accounts;
using KB.Web.Features.Alerts;
using KB.Web.Features.Audit;
using KB.Web.Features.Editing;
using KB.Web.Features.Evidence;
using KB.Web.Features.Incidents;
using KB.Web.Features.Notifications;
using KB.Web.Features.Response;
using KB.Web.Features.Reviews;
using KB.Web.Features.Triage.Unexplained;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace KB.Web.Data;

/// <summary>
/// The app's one database: incidents, the audit trail, article revisions, and Identity's users with their sessions,
/// API tokens and invitations, and the Data Protection keys every node signs cookies with. Its schema is made and
/// upgraded by the EF Core migrations of the provider: KB.Migrations.Sqlite or KB.Migrations.Postgres.
/// </summary>
public sealed class KbDb(DbContextOptions<KbDb> options) : IdentityUserContext<Account>(options), IDataProtectionKeyContext
{
    public DbSet<Incident> Incidents => Set<Incident>();
    public DbSet<ChecklistItem> ChecklistItems => Set<ChecklistItem>();
    public DbSet<TimelineEntry> TimelineEntries => Set<TimelineEntry>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<ArticleRevision> ArticleRevisions => Set<ArticleRevision>();
    public DbSet<Session> Sessions => Set<Session>();
    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();
    public DbSet<Invitation> Invitations => Set<Invitation>();
    public DbSet<IncidentRole> IncidentRoles => Set<IncidentRole>();
    public DbSet<FollowUp> FollowUps => Set<FollowUp>();
    public DbSet<WebhookDelivery> WebhookDeliveries => Set<WebhookDelivery>();
    public DbSet<AlertInboxItem> AlertInbox => Set<AlertInboxItem>();
    public DbSet<IncidentAlert> IncidentAlerts => Set<IncidentAlert>();
    public DbSet<ArticleFeedback> ArticleFeedback => Set<ArticleFeedback>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<UnexplainedLine> UnexplainedLines => Set<UnexplainedLine>();
    public DbSet<ArticleProposal> ArticleProposals => Set<ArticleProposal>();

    /// <remarks>
    /// Every index, default, check and foreign key of the tables is declared here as the migrations created it: a
    /// migration that rebuilds a SQLite table makes the new one from this model, so what is missing here is lost then.
    /// </remarks>
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<Incident>(incident =>
        {
            incident.ToTable("incidents", table =>
            {
                table.HasCheckConstraint("ck_incidents_severity", "severity IN ('SEV1', 'SEV2', 'SEV3', 'SEV4')");
                table.HasCheckConstraint("ck_incidents_status", "status IN ('investigating', 'identified', 'mitigated', 'resolved')");
            });
            incident.Property(x => x.Severity).HasConversion<string>();
            incident.Property(x => x.Status).HasConversion(status => status.Key(), text => Enum.Parse<IncidentStatus>(text, true));
            incident.Property(x => x.ErrorLog).HasDefaultValue("");
            incident.Property(x => x.Suggestions).HasDefaultValue("[]");
            incident.Property(x => x.CommandValues).HasDefaultValue("[]");
            incident.Property(x => x.Version).IsConcurrencyToken().HasDefaultValue(1);
            incident.HasMany(x => x.Checklist).WithOne().HasForeignKey(x => x.IncidentId);
            incident.HasMany(x => x.Timeline).WithOne().HasForeignKey(x => x.IncidentId);
            incident.HasMany(x => x.Roles).WithOne().HasForeignKey(x => x.IncidentId);
            incident.HasMany(x => x.FollowUps).WithOne().HasForeignKey(x => x.IncidentId);
            incident.HasIndex(x => x.StartedAt).HasDatabaseName("ix_incidents_started_at");
            incident.HasIndex(x => x.Status).HasDatabaseName("ix_incidents_status");
            incident.HasIndex(x => x.Cause).HasDatabaseName("ix_incidents_cause");
            incident.Ignore(x => x.IsOpen);
        });
        modelBuilder.Entity<ChecklistItem>(item =>
        {
            item.ToTable("checklist_items");
            item.Property(x => x.Done).HasDefaultValue(false);
            item.Property(x => x.Version).IsConcurrencyToken().HasDefaultValue(1);
            item.HasIndex(x => new { x.IncidentId, x.Position }).HasDatabaseName("ix_checklist_items_incident");
        });
        modelBuilder.Entity<TimelineEntry>(entry =>
        {
            entry.ToTable("timeline_entries");
            entry.HasIndex(x => new { x.IncidentId, x.At }).HasDatabaseName("ix_timeline_entries_incident");
        });
        modelBuilder.Entity<AuditEntry>(entry =>
        {
            entry.ToTable("audit_entries");
            entry.Property(x => x.Actor).UseCollation("NOCASE");
            entry.HasIndex(x => x.At).HasDatabaseName("ix_audit_entries_at");
            entry.HasIndex(x => new { x.Actor, x.At }).HasDatabaseName("ix_audit_entries_actor");
            entry.HasIndex(x => new { x.Action, x.At }).HasDatabaseName("ix_audit_entries_action");
            entry.HasIndex(x => new { x.SubjectType, x.SubjectId, x.At }).HasDatabaseName("ix_audit_entries_subject");
        });
        modelBuilder.Entity<ArticleRevision>(revision =>
        {
            revision.ToTable("article_revisions");
            revision.HasIndex(x => new { x.Slug, x.Number }).IsUnique().HasDatabaseName("ux_article_revisions_slug_number");
        });

        modelBuilder.Entity<IncidentRole>(role =>
        {
            role.ToTable("incident_roles", table => table.HasCheckConstraint("ck_incident_roles_role", "role IN ('commander', 'scribe', 'communications')"));
            role.HasIndex(x => new { x.IncidentId, x.Role }).IsUnique().HasDatabaseName("ux_incident_roles_incident_role");
        });
        modelBuilder.Entity<FollowUp>(followUp =>
        {
            followUp.ToTable("follow_ups");
            followUp.Property(x => x.Done).HasDefaultValue(false);
            followUp.HasIndex(x => x.IncidentId).HasDatabaseName("ix_follow_ups_incident");
            followUp.HasIndex(x => new { x.Done, x.DueOn }).HasDatabaseName("ix_follow_ups_done_due");
        });
        modelBuilder.Entity<WebhookDelivery>(delivery =>
        {
            delivery.ToTable("webhook_deliveries");
            delivery.HasIndex(x => x.At).HasDatabaseName("ix_webhook_deliveries_at");
        });

        modelBuilder.Entity<Account>(account =>
        {
            account.ToTable("users");
            account.Ignore(x => x.IsDisabled);
        });
        modelBuilder.Entity<IdentityUserClaim<string>>().ToTable("user_claims");
        modelBuilder.Entity<IdentityUserLogin<string>>().ToTable("user_logins");
        modelBuilder.Entity<IdentityUserToken<string>>().ToTable("user_tokens");
        modelBuilder.Entity<Session>(session =>
        {
            session.ToTable("sessions");
            session.HasOne<Account>().WithMany().HasForeignKey(x => x.UserId);
            session.HasIndex(x => x.UserId).HasDatabaseName("ix_sessions_user_id");
        });
        modelBuilder.Entity<ApiToken>(token =>
        {
            token.ToTable("api_tokens");
            token.HasOne<Account>().WithMany().HasForeignKey(x => x.UserId);
            token.HasIndex(x => x.Hash).IsUnique().HasDatabaseName("ix_api_tokens_hash");
            token.HasIndex(x => x.UserId).HasDatabaseName("ix_api_tokens_user_id");
        });
        modelBuilder.Entity<Invitation>(invitation =>
        {
            invitation.ToTable("invitations");
            invitation.HasIndex(x => x.Hash).IsUnique().HasDatabaseName("ix_invitations_hash");
        });
        modelBuilder.Entity<AlertInboxItem>(item =>
        {
            item.ToTable("alert_inbox");
            item.Property(x => x.Incidents).HasDefaultValue("");
            item.HasIndex(x => x.ProcessedAt).HasDatabaseName("ix_alert_inbox_processed_at");
        });
        modelBuilder.Entity<IncidentAlert>(alert =>
        {
            alert.ToTable("incident_alerts");
            alert.HasOne<Incident>().WithMany().HasForeignKey(x => x.IncidentId);
            alert.HasIndex(x => x.Key).HasDatabaseName("ix_incident_alerts_key");
            alert.HasIndex(x => x.GroupKey).HasDatabaseName("ix_incident_alerts_group_key");
            alert.HasIndex(x => x.IncidentId).HasDatabaseName("ix_incident_alerts_incident_id");
        });
        modelBuilder.Entity<ArticleFeedback>(feedback =>
        {
            feedback.ToTable("article_feedback");
            feedback.HasOne<Account>().WithMany().HasForeignKey(x => x.UserId);
            feedback.HasIndex(x => new { x.Slug, x.UserId }).IsUnique().HasDatabaseName("ux_article_feedback_slug_user");
            feedback.HasIndex(x => x.UserId).HasDatabaseName("ix_article_feedback_user_id");
        });
        modelBuilder.Entity<DataProtectionKey>().ToTable("data_protection_keys");
        modelBuilder.Entity<UnexplainedLine>(line =>
        {
            line.ToTable("unexplained_lines");
            line.Property(x => x.Masked).HasMaxLength(LineMask.MaxLength);
            line.HasIndex(x => x.Masked).IsUnique().HasDatabaseName("ux_unexplained_lines_masked");
            line.HasIndex(x => x.LastSeen).HasDatabaseName("ix_unexplained_lines_last_seen");
            line.HasIndex(x => new { x.DismissedAt, x.Count }).HasDatabaseName("ix_unexplained_lines_listed");
        });
        modelBuilder.Entity<ArticleProposal>(proposal =>
        {
            proposal.ToTable("article_proposals", table =>
                table.HasCheckConstraint("ck_article_proposals_status", "status IN ('pending', 'approved', 'sentback', 'replaced')"));
            proposal.Property(x => x.Status).HasConversion(status => status.ToString().ToLowerInvariant(), text => Enum.Parse<ProposalStatus>(text, true));
            proposal.HasIndex(x => new { x.Status, x.Slug }).HasDatabaseName("ix_article_proposals_status_slug");
        });

        SqliteConventions.UseSnakeCaseColumns(modelBuilder);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        SqliteConventions.StoreTimesAsUtcText(configurationBuilder);
}
