namespace KB.Web.Features.Knowledge;

/// <summary>One Markdown file of the knowledge base, parsed and rendered.</summary>
public sealed record Article(
    string Slug,
    string Title,
    ArticleCategory Category,
    IReadOnlyList<string> Tags,
    string Summary,
    IReadOnlyList<LogSignature> Signatures,
    IReadOnlyList<string> Related,
    string Html,
    string PlainText,
    IReadOnlyList<OutlineHeading> Outline,
    IReadOnlyList<string> Checklist,
    string SourcePath,
    string Revision);

/// <summary>How a cause shows up in one emitter's logs: a case-insensitive regular expression over one line.</summary>
public sealed record LogSignature(string Emitter, string Pattern);

public sealed record OutlineHeading(int Level, string Id, string Text);
