using System.Globalization;

namespace KB.Web.Features.Editing;

/// <summary>What the New article form holds: the front matter's fields and the Markdown body.</summary>
public sealed class NewArticleDraft
{
    public string Title { get; set; } = "";
    public string Slug { get; set; } = "";

    /// <summary>The category's key, as front matter writes it: diagnostic, resolution or prevention.</summary>
    public string Category { get; set; } = "";

    /// <summary>Tags separated by commas, as the person typed them.</summary>
    public string Tags { get; set; } = "";

    public string Summary { get; set; } = "";
    public string Body { get; set; } = "";

    /// <summary>The proposal this draft redoes (one sent back to its author): proposing it again replaces that one.</summary>
    public int? Revises { get; set; }

    public IReadOnlyList<string> TagList =>
        Tags.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(tag => tag.ToLowerInvariant()).Distinct().ToList();

    /// <summary>The same draft with single-line fields trimmed and freed of line breaks, and the body's line endings made \n.</summary>
    public NewArticleDraft Normalised() => new()
    {
        Title = OneLine(Title),
        Slug = OneLine(Slug),
        Category = OneLine(Category).ToLowerInvariant(),
        Tags = OneLine(Tags),
        Summary = OneLine(Summary),
        Body = Body.ReplaceLineEndings("\n").Trim('\n'),
        Revises = Revises,
    };

    private static string OneLine(string? text) =>
        new string((text ?? "").Select(c => char.IsControl(c) || IsLineBreak(c) ? ' ' : c).ToArray()).Trim();

    private static bool IsLineBreak(char c) =>
        char.GetUnicodeCategory(c) is UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;
}

/// <summary>What stops a new article from being saved, one message per field (null where the field is fine).</summary>
public sealed record NewArticleProblems(string? Title = null, string? Slug = null, string? Category = null, string? Tags = null, string? Summary = null, string? Body = null)
{
    public static NewArticleProblems None { get; } = new();

    public bool Any => Title is not null || Slug is not null || Category is not null || Tags is not null || Summary is not null || Body is not null;
}

/// <summary>The outcome of creating an article: <see cref="SaveOutcome.Saved"/>, <see cref="SaveOutcome.Proposed"/> or <see cref="SaveOutcome.Invalid"/>.</summary>
public sealed record NewArticleResult(SaveOutcome Outcome, string Message, NewArticleProblems Problems, string Slug)
{
    public static NewArticleResult Refused(NewArticleProblems problems, string slug) =>
        new(SaveOutcome.Invalid, "Not saved: the fields marked say what to change. Nothing you typed is lost.", problems, slug);
}
