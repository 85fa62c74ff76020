using Microsoft.EntityFrameworkCore.Migrations;

namespace KB.Migrations.Sqlite.Migrations;

/// <summary>
/// The schema of the first release, made by its own scripts (Baseline/*.sql, applied by DbUp then): the search
/// table is FTS5 and the audit trail's triggers keep it append-only, neither of which EF Core's operations can
/// express. A database made by that release is recorded as having this migration without running it.
/// </summary>
public partial class Baseline : Migration
{
    private static readonly string[] Scripts =
    [
        "0001-article-search.sql",
        "0002-incidents.sql",
        "0003-accounts.sql",
        "0004-article-revisions.sql",
        "0005-audit.sql",
    ];

    /// <summary>Every table the scripts create, children before the tables they refer to.</summary>
    private static readonly string[] Tables =
    [
        "audit_entries", "article_revisions", "user_tokens", "user_logins", "user_claims", "sessions", "invitations", "api_tokens",
        "users", "timeline_entries", "checklist_items", "incidents", "article_search",
    ];

    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        foreach (var script in Scripts)
        {
            migrationBuilder.Sql(Read(script));
        }
    }

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder)
    {
        foreach (var table in Tables)
        {
            migrationBuilder.Sql($"DROP TABLE \"{table}\";");
        }
    }

    private static string Read(string script)
    {
        using var stream = typeof(Baseline).Assembly.GetManifestResourceStream("Baseline/" + script)
            ?? throw new InvalidOperationException($"The baseline script {script} is not embedded in {typeof(Baseline).Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
