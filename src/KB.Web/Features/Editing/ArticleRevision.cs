namespace KB.Web.Features.Editing;

/// <summary>One saved text of an article: the file as it was written by the editor, or as found in the content folder.</summary>
public sealed class ArticleRevision
{
    public int Id { get; set; }
    public required string Slug { get; set; }

    /// <summary>1, 2, 3… per article.</summary>
    public int Number { get; set; }

    public DateTime SavedAt { get; set; }
    public required string SavedBy { get; set; }
    public required string Text { get; set; }
    public string? Comment { get; set; }

    /// <summary>The editor who approved the change, when it went through review.</summary>
    public string? ApprovedBy { get; set; }
}
