using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace KB.Migrations.Postgres.Migrations;

/// <inheritdoc />
public partial class Initial : Migration
{
    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        // The model names SQLite's NOCASE collation for the audit actor; on PostgreSQL it is an ICU collation
        // that compares without regard to case, so filtering by actor reads the same on both.
        migrationBuilder.Sql("CREATE COLLATION \"NOCASE\" (provider = icu, locale = 'und-u-ks-level2', deterministic = false);");

        migrationBuilder.CreateTable(
            name: "alert_inbox",
            columns: table => new
            {
                id = table.Column<int>(type: "integer", nullable: false)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                source = table.Column<string>(type: "text", nullable: false),
                payload = table.Column<string>(type: "text", nullable: false),
                received_by = table.Column<string>(type: "text", nullable: false),
                received_at = table.Column<string>(type: "text", nullable: false),
                processed_at = table.Column<string>(type: "text", nullable: true),
                attempts = table.Column<int>(type: "integer", nullable: false),
                problem = table.Column<string>(type: "text", nullable: true),
                incidents = table.Column<string>(type: "text", nullable: false, defaultValue: "")
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_alert_inbox", x => x.id);
            });

        migrationBuilder.CreateTable(
            name: "article_revisions",
            columns: table => new
            {
                id = table.Column<int>(type: "integer", nullable: false)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                slug = table.Column<string>(type: "text", nullable: false),
                number = table.Column<int>(type: "integer", nullable: false),
                saved_at = table.Column<string>(type: "text", nullable: false),
                saved_by = table.Column<string>(type: "text", nullable: false),
                text = table.Column<string>(type: "text", nullable: false),
                comment = table.Column<string>(type: "text", nullable: true)
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_article_revisions", x => x.id);
            });

        migrationBuilder.CreateTable(
            name: "audit_entries",
            columns: table => new
            {
                id = table.Column<int>(type: "integer", nullable: false)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                at = table.Column<string>(type: "text", nullable: false),
                actor = table.Column<string>(type: "text", nullable: false, collation: "NOCASE"),
                action = table.Column<string>(type: "text", nullable: false),
                subject_type = table.Column<string>(type: "text", nullable: false),
                subject_id = table.Column<string>(type: "text", nullable: false),
                summary = table.Column<string>(type: "text", nullable: false),
                before_json = table.Column<string>(type: "text", nullable: true),
                after_json = table.Column<string>(type: "text", nullable: true),
                ip = table.Column<string>(type: "text", nullable: true)
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_audit_entries", x => x.id);
            });

        migrationBuilder.CreateTable(
            name: "data_protection_keys",
            columns: table => new
            {
                id = table.Column<int>(type: "integer", nullable: false)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                friendly_name = table.Column<string>(type: "text", nullable: true),
                xml = table.Column<string>(type: "text", nullable: true)
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_data_protection_keys", x => x.id);
            });

        migrationBuilder.CreateTable(
            name: "incidents",
            columns: table => new
            {
                id = table.Column<int>(type: "integer", nullable: false)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                title = table.Column<string>(type: "text", nullable: false),
                service = table.Column<string>(type: "text", nullable: false),
                environment = table.Column<string>(type: "text", nullable: true),
                proxy = table.Column<string>(type: "text", nullable: true),
                severity = table.Column<string>(type: "text", nullable: false),
                status = table.Column<string>(type: "text", nullable: false),
                started_at = table.Column<string>(type: "text", nullable: false),
                detected_at = table.Column<string>(type: "text", nullable: true),
                identified_at = table.Column<string>(type: "text", nullable: true),
                mitigated_at = table.Column<string>(type: "text", nullable: true),
                resolved_at = table.Column<string>(type: "text", nullable: true),
                error_log = table.Column<string>(type: "text", nullable: false, defaultValue: ""),
                suggestions = table.Column<string>(type: "text", nullable: false, defaultValue: "[]"),
                cause = table.Column<string>(type: "text", nullable: true),
                cause_revision = table.Column<string>(type: "text", nullable: true),
                resolution_note = table.Column<string>(type: "text", nullable: true),
                fixed_by_step = table.Column<int>(type: "integer", nullable: true),
                created_at = table.Column<string>(type: "text", nullable: false),
                created_by = table.Column<string>(type: "text", nullable: false),
                version = table.Column<int>(type: "integer", nullable: false, defaultValue: 1)
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_incidents", x => x.id);
                table.CheckConstraint("ck_incidents_severity", "severity IN ('SEV1', 'SEV2', 'SEV3', 'SEV4')");
                table.CheckConstraint("ck_incidents_status", "status IN ('investigating', 'identified', 'mitigated', 'resolved')");
            });

        migrationBuilder.CreateTable(
            name: "invitations",
            columns: table => new
            {
                id = table.Column<int>(type: "integer", nullable: false)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                email = table.Column<string>(type: "text", nullable: false),
                role = table.Column<string>(type: "text", nullable: false),
                hash = table.Column<string>(type: "text", nullable: false),
                created_by = table.Column<string>(type: "text", nullable: false),
                created_at = table.Column<string>(type: "text", nullable: false),
                expires_at = table.Column<string>(type: "text", nullable: false),
                used_at = table.Column<string>(type: "text", nullable: true)
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_invitations", x => x.id);
            });

        migrationBuilder.CreateTable(
            name: "users",
            columns: table => new
            {
                id = table.Column<string>(type: "text", nullable: false),
                display_name = table.Column<string>(type: "text", nullable: false),
                role = table.Column<string>(type: "text", nullable: false),
                created_at = table.Column<string>(type: "text", nullable: false),
                disabled_at = table.Column<string>(type: "text", nullable: true),
                last_sign_in_at = table.Column<string>(type: "text", nullable: true),
                user_name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                normalized_user_name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                email = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                normalized_email = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                email_confirmed = table.Column<bool>(type: "boolean", nullable: false),
                password_hash = table.Column<string>(type: "text", nullable: true),
                security_stamp = table.Column<string>(type: "text", nullable: true),
                concurrency_stamp = table.Column<string>(type: "text", nullable: true),
                phone_number = table.Column<string>(type: "text", nullable: true),
                phone_number_confirmed = table.Column<bool>(type: "boolean", nullable: false),
                two_factor_enabled = table.Column<bool>(type: "boolean", nullable: false),
                lockout_end = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                lockout_enabled = table.Column<bool>(type: "boolean", nullable: false),
                access_failed_count = table.Column<int>(type: "integer", nullable: false)
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_users", x => x.id);
            });

        migrationBuilder.CreateTable(
            name: "webhook_deliveries",
            columns: table => new
            {
                id = table.Column<int>(type: "integer", nullable: false)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                at = table.Column<string>(type: "text", nullable: false),
                target = table.Column<string>(type: "text", nullable: false),
                @event = table.Column<string>(name: "event", type: "text", nullable: false),
                incident_id = table.Column<int>(type: "integer", nullable: true),
                status_code = table.Column<int>(type: "integer", nullable: true),
                attempts = table.Column<int>(type: "integer", nullable: false),
                delivered = table.Column<bool>(type: "boolean", nullable: false),
                error = table.Column<string>(type: "text", nullable: true)
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_webhook_deliveries", x => x.id);
            });

        migrationBuilder.CreateTable(
            name: "checklist_items",
            columns: table => new
            {
                id = table.Column<int>(type: "integer", nullable: false)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                incident_id = table.Column<int>(type: "integer", nullable: false),
                position = table.Column<int>(type: "integer", nullable: false),
                text = table.Column<string>(type: "text", nullable: false),
                done = table.Column<bool>(type: "boolean", nullable: false, defaultValue: false),
                done_by = table.Column<string>(type: "text", nullable: true),
                done_at = table.Column<string>(type: "text", nullable: true),
                note = table.Column<string>(type: "text", nullable: true),
                version = table.Column<int>(type: "integer", nullable: false, defaultValue: 1)
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_checklist_items", x => x.id);
                table.ForeignKey(
                    name: "FK_checklist_items_incidents_incident_id",
                    column: x => x.incident_id,
                    principalTable: "incidents",
                    principalColumn: "id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "follow_ups",
            columns: table => new
            {
                id = table.Column<int>(type: "integer", nullable: false)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                incident_id = table.Column<int>(type: "integer", nullable: false),
                text = table.Column<string>(type: "text", nullable: false),
                owner = table.Column<string>(type: "text", nullable: true),
                due_on = table.Column<DateOnly>(type: "date", nullable: true),
                done = table.Column<bool>(type: "boolean", nullable: false, defaultValue: false),
                done_by = table.Column<string>(type: "text", nullable: true),
                done_at = table.Column<string>(type: "text", nullable: true),
                created_at = table.Column<string>(type: "text", nullable: false),
                created_by = table.Column<string>(type: "text", nullable: false)
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_follow_ups", x => x.id);
                table.ForeignKey(
                    name: "FK_follow_ups_incidents_incident_id",
                    column: x => x.incident_id,
                    principalTable: "incidents",
                    principalColumn: "id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "incident_alerts",
            columns: table => new
            {
                id = table.Column<int>(type: "integer", nullable: false)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                incident_id = table.Column<int>(type: "integer", nullable: false),
                key = table.Column<string>(type: "text", nullable: false),
                group_key = table.Column<string>(type: "text", nullable: true),
                name = table.Column<string>(type: "text", nullable: false),
                firing = table.Column<bool>(type: "boolean", nullable: false),
                first_seen_at = table.Column<string>(type: "text", nullable: false),
                last_seen_at = table.Column<string>(type: "text", nullable: false)
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_incident_alerts", x => x.id);
                table.ForeignKey(
                    name: "FK_incident_alerts_incidents_incident_id",
                    column: x => x.incident_id,
                    principalTable: "incidents",
                    principalColumn: "id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "incident_roles",
            columns: table => new
            {
                id = table.Column<int>(type: "integer", nullable: false)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                incident_id = table.Column<int>(type: "integer", nullable: false),
                role = table.Column<string>(type: "text", nullable: false),
                holder = table.Column<string>(type: "text", nullable: false),
                since = table.Column<string>(type: "text", nullable: false)
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_incident_roles", x => x.id);
                table.CheckConstraint("ck_incident_roles_role", "role IN ('commander', 'scribe', 'communications')");
                table.ForeignKey(
                    name: "FK_incident_roles_incidents_incident_id",
                    column: x => x.incident_id,
                    principalTable: "incidents",
                    principalColumn: "id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "timeline_entries",
            columns: table => new
            {
                id = table.Column<int>(type: "integer", nullable: false)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                incident_id = table.Column<int>(type: "integer", nullable: false),
                at = table.Column<string>(type: "text", nullable: false),
                who = table.Column<string>(type: "text", nullable: false),
                kind = table.Column<string>(type: "text", nullable: false),
                text = table.Column<string>(type: "text", nullable: false)
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_timeline_entries", x => x.id);
                table.ForeignKey(
                    name: "FK_timeline_entries_incidents_incident_id",
                    column: x => x.incident_id,
                    principalTable: "incidents",
                    principalColumn: "id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "api_tokens",
            columns: table => new
            {
                id = table.Column<int>(type: "integer", nullable: false)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                user_id = table.Column<string>(type: "text", nullable: false),
                name = table.Column<string>(type: "text", nullable: false),
                hash = table.Column<string>(type: "text", nullable: false),
                prefix = table.Column<string>(type: "text", nullable: false),
                created_at = table.Column<string>(type: "text", nullable: false),
                last_used_at = table.Column<string>(type: "text", nullable: true),
                revoked_at = table.Column<string>(type: "text", nullable: true)
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_api_tokens", x => x.id);
                table.ForeignKey(
                    name: "FK_api_tokens_users_user_id",
                    column: x => x.user_id,
                    principalTable: "users",
                    principalColumn: "id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "sessions",
            columns: table => new
            {
                id = table.Column<string>(type: "text", nullable: false),
                user_id = table.Column<string>(type: "text", nullable: false),
                ticket = table.Column<byte[]>(type: "bytea", nullable: false),
                created_at = table.Column<string>(type: "text", nullable: false),
                expires_at = table.Column<string>(type: "text", nullable: false)
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_sessions", x => x.id);
                table.ForeignKey(
                    name: "FK_sessions_users_user_id",
                    column: x => x.user_id,
                    principalTable: "users",
                    principalColumn: "id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "user_claims",
            columns: table => new
            {
                id = table.Column<int>(type: "integer", nullable: false)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                user_id = table.Column<string>(type: "text", nullable: false),
                claim_type = table.Column<string>(type: "text", nullable: true),
                claim_value = table.Column<string>(type: "text", nullable: true)
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_user_claims", x => x.id);
                table.ForeignKey(
                    name: "FK_user_claims_users_user_id",
                    column: x => x.user_id,
                    principalTable: "users",
                    principalColumn: "id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "user_logins",
            columns: table => new
            {
                login_provider = table.Column<string>(type: "text", nullable: false),
                provider_key = table.Column<string>(type: "text", nullable: false),
                provider_display_name = table.Column<string>(type: "text", nullable: true),
                user_id = table.Column<string>(type: "text", nullable: false)
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_user_logins", x => new { x.login_provider, x.provider_key });
                table.ForeignKey(
                    name: "FK_user_logins_users_user_id",
                    column: x => x.user_id,
                    principalTable: "users",
                    principalColumn: "id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "user_tokens",
            columns: table => new
            {
                user_id = table.Column<string>(type: "text", nullable: false),
                login_provider = table.Column<string>(type: "text", nullable: false),
                name = table.Column<string>(type: "text", nullable: false),
                value = table.Column<string>(type: "text", nullable: true)
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_user_tokens", x => new { x.user_id, x.login_provider, x.name });
                table.ForeignKey(
                    name: "FK_user_tokens_users_user_id",
                    column: x => x.user_id,
                    principalTable: "users",
                    principalColumn: "id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateIndex(
            name: "ix_alert_inbox_processed_at",
            table: "alert_inbox",
            column: "processed_at");

        migrationBuilder.CreateIndex(
            name: "ix_api_tokens_hash",
            table: "api_tokens",
            column: "hash",
            unique: true);

        migrationBuilder.CreateIndex(
            name: "ix_api_tokens_user_id",
            table: "api_tokens",
            column: "user_id");

        migrationBuilder.CreateIndex(
            name: "ux_article_revisions_slug_number",
            table: "article_revisions",
            columns: new[] { "slug", "number" },
            unique: true);

        migrationBuilder.CreateIndex(
            name: "ix_audit_entries_action",
            table: "audit_entries",
            columns: new[] { "action", "at" });

        migrationBuilder.CreateIndex(
            name: "ix_audit_entries_actor",
            table: "audit_entries",
            columns: new[] { "actor", "at" });

        migrationBuilder.CreateIndex(
            name: "ix_audit_entries_at",
            table: "audit_entries",
            column: "at");

        migrationBuilder.CreateIndex(
            name: "ix_audit_entries_subject",
            table: "audit_entries",
            columns: new[] { "subject_type", "subject_id", "at" });

        migrationBuilder.CreateIndex(
            name: "ix_checklist_items_incident",
            table: "checklist_items",
            columns: new[] { "incident_id", "position" });

        migrationBuilder.CreateIndex(
            name: "ix_follow_ups_done_due",
            table: "follow_ups",
            columns: new[] { "done", "due_on" });

        migrationBuilder.CreateIndex(
            name: "ix_follow_ups_incident",
            table: "follow_ups",
            column: "incident_id");

        migrationBuilder.CreateIndex(
            name: "ix_incident_alerts_group_key",
            table: "incident_alerts",
            column: "group_key");

        migrationBuilder.CreateIndex(
            name: "ix_incident_alerts_incident_id",
            table: "incident_alerts",
            column: "incident_id");

        migrationBuilder.CreateIndex(
            name: "ix_incident_alerts_key",
            table: "incident_alerts",
            column: "key");

        migrationBuilder.CreateIndex(
            name: "ux_incident_roles_incident_role",
            table: "incident_roles",
            columns: new[] { "incident_id", "role" },
            unique: true);

        migrationBuilder.CreateIndex(
            name: "ix_incidents_cause",
            table: "incidents",
            column: "cause");

        migrationBuilder.CreateIndex(
            name: "ix_incidents_started_at",
            table: "incidents",
            column: "started_at");

        migrationBuilder.CreateIndex(
            name: "ix_incidents_status",
            table: "incidents",
            column: "status");

        migrationBuilder.CreateIndex(
            name: "ix_invitations_hash",
            table: "invitations",
            column: "hash",
            unique: true);

        migrationBuilder.CreateIndex(
            name: "ix_sessions_user_id",
            table: "sessions",
            column: "user_id");

        migrationBuilder.CreateIndex(
            name: "ix_timeline_entries_incident",
            table: "timeline_entries",
            columns: new[] { "incident_id", "at" });

        migrationBuilder.CreateIndex(
            name: "IX_user_claims_user_id",
            table: "user_claims",
            column: "user_id");

        migrationBuilder.CreateIndex(
            name: "IX_user_logins_user_id",
            table: "user_logins",
            column: "user_id");

        migrationBuilder.CreateIndex(
            name: "EmailIndex",
            table: "users",
            column: "normalized_email");

        migrationBuilder.CreateIndex(
            name: "UserNameIndex",
            table: "users",
            column: "normalized_user_name",
            unique: true);

        migrationBuilder.CreateIndex(
            name: "ix_webhook_deliveries_at",
            table: "webhook_deliveries",
            column: "at");

        // Entries are only ever added: the trigger refuses every UPDATE, DELETE and TRUNCATE, so not even the app
        // can rewrite history.
        migrationBuilder.Sql("""
            CREATE FUNCTION audit_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION 'audit entries are append-only';
            END;
            $$;
            CREATE TRIGGER audit_entries_no_change BEFORE UPDATE OR DELETE ON audit_entries
                FOR EACH ROW EXECUTE FUNCTION audit_entries_append_only();
            CREATE TRIGGER audit_entries_no_truncate BEFORE TRUNCATE ON audit_entries
                FOR EACH STATEMENT EXECUTE FUNCTION audit_entries_append_only();
            """);
    }

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("DROP TRIGGER audit_entries_no_truncate ON audit_entries; DROP TRIGGER audit_entries_no_change ON audit_entries; DROP FUNCTION audit_entries_append_only();");

        migrationBuilder.DropTable(
            name: "alert_inbox");

        migrationBuilder.DropTable(
            name: "api_tokens");

        migrationBuilder.DropTable(
            name: "article_revisions");

        migrationBuilder.DropTable(
            name: "audit_entries");

        migrationBuilder.DropTable(
            name: "checklist_items");

        migrationBuilder.DropTable(
            name: "data_protection_keys");

        migrationBuilder.DropTable(
            name: "follow_ups");

        migrationBuilder.DropTable(
            name: "incident_alerts");

        migrationBuilder.DropTable(
            name: "incident_roles");

        migrationBuilder.DropTable(
            name: "invitations");

        migrationBuilder.DropTable(
            name: "sessions");

        migrationBuilder.DropTable(
            name: "timeline_entries");

        migrationBuilder.DropTable(
            name: "user_claims");

        migrationBuilder.DropTable(
            name: "user_logins");

        migrationBuilder.DropTable(
            name: "user_tokens");

        migrationBuilder.DropTable(
            name: "webhook_deliveries");

        migrationBuilder.DropTable(
            name: "incidents");

        migrationBuilder.DropTable(
            name: "users");

        migrationBuilder.Sql("DROP COLLATION \"NOCASE\";");
    }
}
