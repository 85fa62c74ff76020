namespace KB.Web.Features.Evidence;

/// <summary>One person's answer to "Did this help?" on one article: the latest answer counts, with its optional comment.</summary>
public sealed class ArticleFeedback
{
    public const int MaxComment = 1000;

    public int Id { get; set; }
    public required string Slug { get; set; }
    public required string UserId { get; set; }
    public bool Helpful { get; set; }
    public string? Comment { get; set; }
    public DateTime At { get; set; }
}
