using KB.Web.Features.Incidents;

namespace KB.Tests.Components;

/// <summary>Incidents as the page receives them from the service, for rendering components on their own.</summary>
internal static class IncidentSamples
{
    public const string CurlStep = "Curl it from the proxy host: `curl -sv -o /dev/null http://10.1.2.3:8080/healthz`";
    public const string SsStep = "Check something listens on the right address: `ss -ltnp 'sport = :8080'`";

    public static ChecklistItem Step(int position, string text, bool done = false) => new()
    {
        Id = 100 + position,
        Position = position,
        Text = text,
        Done = done,
        DoneBy = done ? "Alice" : null,
        DoneAt = done ? new DateTime(2026, 12, 2, 9, 12, 0, DateTimeKind.Utc) : null,
    };

    public static Incident With(IncidentStatus status, params ChecklistItem[] steps) => new()
    {
        Id = 7,
        Title = "Checkout answers 502",
        Service = "checkout-api",
        CreatedBy = "Alice",
        Status = status,
        Severity = Severity.SEV2,
        Cause = steps.Length > 0 ? "upstream-down" : null,
        Checklist = [.. steps],
    };
}
