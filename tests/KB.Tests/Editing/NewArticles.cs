using KB.Web.Features.Editing;

namespace KB.Tests.Editing;

/// <summary>A filled New article form, for tests of creating articles.</summary>
public static class NewArticles
{
    public const string Slug = "read-gizmo-logs";
    public const string Title = "Read the gizmo proxy's logs: a \"how to\"";
    public const string Summary = "Where the gizmo proxy logs its 502s, and how to read them.";
    public const string Body = "## Steps\n\nRun `gizmoctl logs --502` and look for zebrafish lines.";

    public static NewArticleDraft Draft(string slug = Slug, string title = Title, string category = "diagnostic", string tags = "Gizmo, logs", string summary = Summary, string body = Body) =>
        new() { Title = title, Slug = slug, Category = category, Tags = tags, Summary = summary, Body = body };
}
