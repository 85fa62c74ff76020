using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace KB.Migrations.Postgres.Migrations;

/// <inheritdoc />
public partial class Reviews : Migration
{
    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<string>(
            name: "approved_by",
            table: "article_revisions",
            type: "text",
            nullable: true);

        migrationBuilder.CreateTable(
            name: "article_proposals",
            columns: table => new
            {
                id = table.Column<int>(type: "integer", nullable: false)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                slug = table.Column<string>(type: "text", nullable: false),
                source_path = table.Column<string>(type: "text", nullable: false),
                base_stamp = table.Column<string>(type: "text", nullable: false),
                text = table.Column<string>(type: "text", nullable: false),
                comment = table.Column<string>(type: "text", nullable: true),
                proposed_by = table.Column<string>(type: "text", nullable: false),
                proposed_at = table.Column<string>(type: "text", nullable: false),
                status = table.Column<string>(type: "text", nullable: false),
                reviewed_by = table.Column<string>(type: "text", nullable: true),
                reviewed_at = table.Column<string>(type: "text", nullable: true),
                review_comment = table.Column<string>(type: "text", nullable: true)
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
