using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace KB.Migrations.Postgres.Migrations;

/// <inheritdoc />
public partial class ArticleEvidenceAndUnexplainedLines : Migration
{
    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "article_feedback",
            columns: table => new
            {
                id = table.Column<int>(type: "integer", nullable: false)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                slug = table.Column<string>(type: "text", nullable: false),
                user_id = table.Column<string>(type: "text", nullable: false),
                helpful = table.Column<bool>(type: "boolean", nullable: false),
                comment = table.Column<string>(type: "text", nullable: true),
                at = table.Column<string>(type: "text", nullable: false)
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_article_feedback", x => x.id);
                table.ForeignKey(
                    name: "FK_article_feedback_users_user_id",
                    column: x => x.user_id,
                    principalTable: "users",
                    principalColumn: "id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "unexplained_lines",
            columns: table => new
            {
                id = table.Column<int>(type: "integer", nullable: false)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                masked = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                emitter = table.Column<string>(type: "text", nullable: true),
                count = table.Column<int>(type: "integer", nullable: false),
                first_seen = table.Column<string>(type: "text", nullable: false),
                last_seen = table.Column<string>(type: "text", nullable: false),
                dismissed_at = table.Column<string>(type: "text", nullable: true)
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_unexplained_lines", x => x.id);
            });

        migrationBuilder.CreateIndex(
            name: "ix_article_feedback_user_id",
            table: "article_feedback",
            column: "user_id");

        migrationBuilder.CreateIndex(
            name: "ux_article_feedback_slug_user",
            table: "article_feedback",
            columns: new[] { "slug", "user_id" },
            unique: true);

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
            name: "article_feedback");

        migrationBuilder.DropTable(
            name: "unexplained_lines");
    }
}
