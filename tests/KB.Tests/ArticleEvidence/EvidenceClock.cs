namespace KB.Tests.ArticleEvidence;

/// <summary>A clock the test sets and moves on.</summary>
public sealed class EvidenceClock : TimeProvider
{
    public DateTime Now { get; set; } = new(2026, 6, 1, 12, 0, 0, DateTimeKind.Utc);

    public override DateTimeOffset GetUtcNow() => new(Now);
}
