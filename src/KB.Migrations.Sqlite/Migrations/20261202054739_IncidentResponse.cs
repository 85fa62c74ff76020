using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KB.Migrations.Sqlite.Migrations;

/// <inheritdoc />
public partial class IncidentResponse : Migration
{
    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "follow_ups",
            columns: table => new
            {
                id = table.Column<int>(type: "INTEGER", nullable: false)
                    .Annotation("Sqlite:Autoincrement", true),
                incident_id = table.Column<int>(type: "INTEGER", nullable: false),
                text = table.Column<string>(type: "TEXT", nullable: false),
                owner = table.Column<string>(type: "TEXT", nullable: true),
                due_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                done = table.Column<bool>(type: "INTEGER", nullable: false, defaultValue: false),
                done_by = table.Column<string>(type: "TEXT", nullable: true),
                done_at = table.Column<string>(type: "TEXT", nullable: true),
                created_at = table.Column<string>(type: "TEXT", nullable: false),
                created_by = table.Column<string>(type: "TEXT", nullable: false)
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
            name: "incident_roles",
            columns: table => new
            {
                id = table.Column<int>(type: "INTEGER", nullable: false)
                    .Annotation("Sqlite:Autoincrement", true),
                incident_id = table.Column<int>(type: "INTEGER", nullable: false),
                role = table.Column<string>(type: "TEXT", nullable: false),
                holder = table.Column<string>(type: "TEXT", nullable: false),
                since = table.Column<string>(type: "TEXT", nullable: false)
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
            name: "webhook_deliveries",
            columns: table => new
            {
                id = table.Column<int>(type: "INTEGER", nullable: false)
                    .Annotation("Sqlite:Autoincrement", true),
                at = table.Column<string>(type: "TEXT", nullable: false),
                target = table.Column<string>(type: "TEXT", nullable: false),
                @event = table.Column<string>(name: "event", type: "TEXT", nullable: false),
                incident_id = table.Column<int>(type: "INTEGER", nullable: true),
                status_code = table.Column<int>(type: "INTEGER", nullable: true),
                attempts = table.Column<int>(type: "INTEGER", nullable: false),
                delivered = table.Column<bool>(type: "INTEGER", nullable: false),
                error = table.Column<string>(type: "TEXT", nullable: true)
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_webhook_deliveries", x => x.id);
            });

        migrationBuilder.CreateIndex(
            name: "ix_follow_ups_done_due",
            table: "follow_ups",
            columns: new[] { "done", "due_on" });

        migrationBuilder.CreateIndex(
            name: "ix_follow_ups_incident",
            table: "follow_ups",
            column: "incident_id");

        migrationBuilder.CreateIndex(
            name: "ux_incident_roles_incident_role",
            table: "incident_roles",
            columns: new[] { "incident_id", "role" },
            unique: true);

        migrationBuilder.CreateIndex(
            name: "ix_webhook_deliveries_at",
            table: "webhook_deliveries",
            column: "at");
    }

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(
            name: "follow_ups");

        migrationBuilder.DropTable(
            name: "incident_roles");

        migrationBuilder.DropTable(
            name: "webhook_deliveries");
    }
}
