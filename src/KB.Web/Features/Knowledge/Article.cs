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
    string Revision)
{
    /// <summary>For a cause: the one check that tells it apart from a cause it is often mistaken for.</summary>
    public IReadOnlyList<TellApartCheck> TellApart { get; init; } = [];
}

/// <summary>How a cause shows up in one emitter's logs: a case-insensitive regular expression over one line.</summary>
public sealed record LogSignature(string Emitter, string Pattern);

/// <summary>
/// A command that separates this cause from the cause <see cref="From"/>, and how to read its outcome. The command
/// may mark values to fill from a paste, <c>{{name:example}}</c>, as checklist steps do.
/// </summary>
public sealed record TellApartCheck(string From, string Check, string Reading);

public sealed record OutlineHeading(int Level, string Id, string Text);
