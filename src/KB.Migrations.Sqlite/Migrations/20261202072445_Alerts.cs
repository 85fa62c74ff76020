using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KB.Migrations.Sqlite.Migrations;

/// <inheritdoc />
public partial class Alerts : Migration
{
    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "alert_inbox",
            columns: table => new
            {
                id = table.Column<int>(type: "INTEGER", nullable: false)
                    .Annotation("Sqlite:Autoincrement", true),
                source = table.Column<string>(type: "TEXT", nullable: false),
                payload = table.Column<string>(type: "TEXT", nullable: false),
                received_by = table.Column<string>(type: "TEXT", nullable: false),
                received_at = table.Column<string>(type: "TEXT", nullable: false),
                processed_at = table.Column<string>(type: "TEXT", nullable: true),
                attempts = table.Column<int>(type: "INTEGER", nullable: false),
                problem = table.Column<string>(type: "TEXT", nullable: true),
                incidents = table.Column<string>(type: "TEXT", nullable: false, defaultValue: "")
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_alert_inbox", x => x.id);
            });

        migrationBuilder.CreateTable(
            name: "incident_alerts",
            columns: table => new
            {
                id = table.Column<int>(type: "INTEGER", nullable: false)
                    .Annotation("Sqlite:Autoincrement", true),
                incident_id = table.Column<int>(type: "INTEGER", nullable: false),
                key = table.Column<string>(type: "TEXT", nullable: false),
                group_key = table.Column<string>(type: "TEXT", nullable: true),
                name = table.Column<string>(type: "TEXT", nullable: false),
                firing = table.Column<bool>(type: "INTEGER", nullable: false),
                first_seen_at = table.Column<string>(type: "TEXT", nullable: false),
                last_seen_at = table.Column<string>(type: "TEXT", nullable: false)
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

        migrationBuilder.CreateIndex(
            name: "ix_alert_inbox_processed_at",
            table: "alert_inbox",
            column: "processed_at");

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
    }

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(
            name: "alert_inbox");

        migrationBuilder.DropTable(
            name: "incident_alerts");
    }
}
