using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KB.Migrations.Postgres.Migrations;

/// <inheritdoc />
public partial class IncidentCommandValues : Migration
{
    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<string>(
            name: "command_values",
            table: "incidents",
            type: "text",
            nullable: false,
            defaultValue: "[]");

        migrationBuilder.AddColumn<string>(
            name: "template",
            table: "checklist_items",
            type: "text",
            nullable: true);
    }

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropColumn(
            name: "command_values",
            table: "incidents");

        migrationBuilder.DropColumn(
            name: "template",
            table: "checklist_items");
    }
}
