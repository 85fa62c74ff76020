namespace KB.Web.Features.Reviews;

/// <summary>
/// An editor's save held for review: the text they proposed and the stamp of the file it was based on, so that an
/// approval can tell whether the article changed in the meantime.
/// </summary>
public sealed class ArticleProposal
{
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
}

public enum ProposalStatus
{
    Pending,
    Approved,
    SentBack,

    /// <summary>Its author proposed the article again, so this one is no longer asked about.</summary>
    Replaced,
}
