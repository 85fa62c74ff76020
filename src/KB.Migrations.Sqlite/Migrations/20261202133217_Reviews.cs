using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KB.Migrations.Sqlite.Migrations;

/// <inheritdoc />
public partial class Reviews : Migration
{
    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<string>(
            name: "approved_by",
            table: "article_revisions",
            type: "TEXT",
            nullable: true);

        migrationBuilder.CreateTable(
            name: "article_proposals",
            columns: table => new
            {
                id = table.Column<int>(type: "INTEGER", nullable: false)
                    .Annotation("Sqlite:Autoincrement", true),
                slug = table.Column<string>(type: "TEXT", nullable: false),
                source_path = table.Column<string>(type: "TEXT", nullable: false),
                base_stamp = table.Column<string>(type: "TEXT", nullable: false),
                text = table.Column<string>(type: "TEXT", nullable: false),
                comment = table.Column<string>(type: "TEXT", nullable: true),
                proposed_by = table.Column<string>(type: "TEXT", nullable: false),
                proposed_at = table.Column<string>(type: "TEXT", nullable: false),
                status = table.Column<string>(type: "TEXT", nullable: false),
                reviewed_by = table.Column<string>(type: "TEXT", nullable: true),
                reviewed_at = table.Column<string>(type: "TEXT", nullable: true),
                review_comment = table.Column<string>(type: "TEXT", nullable: true)
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_article_proposals", x => x.id);
                table.CheckConstraint("ck_article_proposals_status", "status IN ('pending', 'approved', 'sentback', 'replaced')");
            });

        migrationBuilder.CreateIndex(
            name: "ix_article_proposals_status_slug",
            table: "article_proposals",
            columns: new[] { "status", "slug" });
    }

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(
            name: "article_proposals");

        migrationBuilder.DropColumn(
            name: "approved_by",
            table: "article_revisions");
    }
}
