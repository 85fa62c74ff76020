namespace KB.Web.Features.Evidence;

/// <summary>The latest resolved incident that named the checklist step of a cause article that fixed it.</summary>
public sealed record Verification(int IncidentId, DateTime At);
