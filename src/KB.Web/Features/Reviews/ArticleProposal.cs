namespace KB.Web.Features.Reviews;

/// <summary>
/// An editor's save held for review: the text they proposed and the stamp of the file it was based on, so that an
/// approval can tell whether the article changed in the meantime. A new article is based on no file.
/// </summary>
public sealed class ArticleProposal
{
    /// <summary>The <see cref="BaseStamp"/> of a proposed new article: there was no file to start from.</summary>
    public const string NewArticleStamp = "";

    public int Id { get; set; }
    public required string Slug { get; set; }
    public required string SourcePath { get; set; }

    /// <summary>The fingerprint of the article file the proposal was made from.</summary>
    public required string BaseStamp { get; set; }

    public required string Text { get; set; }
    public string? Comment { get; set; }
    public required string ProposedBy { get; set; }
    public DateTime ProposedAt { get; set; }
    public ProposalStatus Status { get; set; } = ProposalStatus.Pending;
    public string? ReviewedBy { get; set; }
    public DateTime? ReviewedAt { get; set; }
    public string? ReviewComment { get; set; }

    public bool IsNewArticle => BaseStamp == NewArticleStamp;
}

public enum ProposalStatus
{
    Pending,
    Approved,
    SentBack,

    /// <summary>Its author proposed the article again, so this one is no longer asked about.</summary>
    Replaced,
}
