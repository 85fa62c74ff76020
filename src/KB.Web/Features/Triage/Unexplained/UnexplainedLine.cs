namespace KB.Web.Features.Triage.Unexplained;

/// <summary>
/// A pasted line that no signature or reader explained, kept only in its masked form (<see cref="LineMask"/>) and
/// counted, so that editors see which lines triage cannot read yet.
/// </summary>
public sealed class UnexplainedLine
{
    public int Id { get; set; }

    /// <summary>The line with addresses, ids, times and long numbers masked; the key lines are counted by.</summary>
    public required string Masked { get; set; }

    /// <summary>Who wrote the line, as far as its shape tells (an emitter name), or null.</summary>
    public string? Emitter { get; set; }

    public int Count { get; set; }
    public DateTime FirstSeen { get; set; }
    public DateTime LastSeen { get; set; }

    /// <summary>When an editor dismissed it; a dismissed line is still counted but no longer listed.</summary>
    public DateTime? DismissedAt { get; set; }
}
