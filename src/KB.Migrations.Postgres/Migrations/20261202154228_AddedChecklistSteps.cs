using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KB.Migrations.Postgres.Migrations;

/// <inheritdoc />
public partial class AddedChecklistSteps : Migration
{
    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<string>(
            name: "added_at",
            table: "checklist_items",
            type: "text",
            nullable: true);

        migrationBuilder.AddColumn<string>(
            name: "added_by",
            table: "checklist_items",
            type: "text",
            nullable: true);
    }

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropColumn(
            name: "added_at",
            table: "checklist_items");

        migrationBuilder.DropColumn(
            name: "added_by",
            table: "checklist_items");
    }
}
