using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KB.Migrations.Sqlite.Migrations;

/// <inheritdoc />
public partial class ArticleEvidence : Migration
{
    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "article_feedback",
            columns: table => new
            {
                id = table.Column<int>(type: "INTEGER", nullable: false)
                    .Annotation("Sqlite:Autoincrement", true),
                slug = table.Column<string>(type: "TEXT", nullable: false),
                user_id = table.Column<string>(type: "TEXT", nullable: false),
                helpful = table.Column<bool>(type: "INTEGER", nullable: false),
                comment = table.Column<string>(type: "TEXT", nullable: true),
                at = table.Column<string>(type: "TEXT", nullable: false)
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

        migrationBuilder.CreateIndex(
            name: "ix_article_feedback_user_id",
            table: "article_feedback",
            column: "user_id");

        migrationBuilder.CreateIndex(
            name: "ux_article_feedback_slug_user",
            table: "article_feedback",
            columns: new[] { "slug", "user_id" },
            unique: true);
    }

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(
            name: "article_feedback");
    }
}
