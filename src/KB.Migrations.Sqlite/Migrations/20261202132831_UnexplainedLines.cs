using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KB.Migrations.Sqlite.Migrations;

/// <inheritdoc />
public partial class UnexplainedLines : Migration
{
    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "unexplained_lines",
            columns: table => new
            {
                id = table.Column<int>(type: "INTEGER", nullable: false)
                    .Annotation("Sqlite:Autoincrement", true),
                masked = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                emitter = table.Column<string>(type: "TEXT", nullable: true),
                count = table.Column<int>(type: "INTEGER", nullable: false),
                first_seen = table.Column<string>(type: "TEXT", nullable: false),
                last_seen = table.Column<string>(type: "TEXT", nullable: false),
                dismissed_at = table.Column<string>(type: "TEXT", nullable: true)
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_unexplained_lines", x => x.id);
            });

        migrationBuilder.CreateIndex(
            name: "ix_unexplained_lines_last_seen",
            table: "unexplained_lines",
            column: "last_seen");

        migrationBuilder.CreateIndex(
            name: "ix_unexplained_lines_listed",
            table: "unexplained_lines",
            columns: new[] { "dismissed_at", "count" });

        migrationBuilder.CreateIndex(
            name: "ux_unexplained_lines_masked",
            table: "unexplained_lines",
            column: "masked",
            unique: true);
    }

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(
            name: "unexplained_lines");
    }
}
