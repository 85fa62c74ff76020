namespace KB.Web.Features.Response;

/// <summary>What the team will do so that the incident does not happen again; separate from the fix checklist.</summary>
public sealed class FollowUp
{
    public int Id { get; set; }
    public int IncidentId { get; set; }
    public required string Text { get; set; }
    public string? Owner { get; set; }
    public DateOnly? DueOn { get; set; }
    public bool Done { get; set; }
    public string? DoneBy { get; set; }
    public DateTime? DoneAt { get; set; }
    public DateTime CreatedAt { get; set; }
    public required string CreatedBy { get; set; }

    public const int MaxText = 500;
    public const int MaxOwner = 80;

    public bool IsOverdue(DateOnly today) => !Done && DueOn < today;
}
