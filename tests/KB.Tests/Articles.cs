namespace KB.Tests;

/// <summary>Small article files for tests that need content of their own.</summary>
public static class Articles
{
    public static string Markdown(string slug, string category = "diagnostic", string title = "A test article", string body = "Some text.", string extraFrontMatter = "") =>
        $"""
        ---
        slug: {slug}
        title: {title}
        category: {category}
        tags: [test]
        summary: A summary of {slug}.
        {extraFrontMatter}
        ---
        {body}
        """;

    public static string Folder(string category) => category switch
    {
        "cause" => "causes",
        "diagnostic" => "diagnostics",
        "resolution" => "resolutions",
        _ => "prevention",
    };
}
