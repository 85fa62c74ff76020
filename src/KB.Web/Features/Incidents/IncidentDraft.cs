using KB.Web.Features.Knowledge;

namespace KB.Web.Features.Incidents;

/// <summary>What a responder fills in to log an incident (the form and POST /api/incidents).</summary>
public sealed class IncidentDraft
{
    public const int MaxTitle = 200;
    public const int MaxService = 100;
    public const int MaxEnvironment = 60;
    public const int MaxErrorLog = 512 * 1024;

    public string? Title { get; set; }
    public string? Service { get; set; }
    public string? Environment { get; set; }
    public string? Proxy { get; set; }
    public string? Severity { get; set; } = "SEV3";
    public DateTime? StartedAt { get; set; }
    public DateTime? DetectedAt { get; set; }
    public string? ErrorLog { get; set; }
    public string? Cause { get; set; }

    /// <summary>Problems by field name (camelCase, as the API names fields), each with a message a person understands.</summary>
    public Dictionary<string, string[]> Validate(ArticleCatalog catalog, DateTime now)
    {
        var errors = new Dictionary<string, string[]>();
        void Fail(string field, string message) => errors[field] = [message];

        if (string.IsNullOrWhiteSpace(Title))
        {
            Fail("title", "Give the incident a title, e.g. \"502s on checkout\".");
        }
        else if (Title.Trim().Length > MaxTitle)
        {
            Fail("title", $"Keep the title to at most {MaxTitle} characters.");
        }
        if (string.IsNullOrWhiteSpace(Service))
        {
            Fail("service", "Name the service that answers 502.");
        }
        else if (Service.Trim().Length > MaxService)
        {
            Fail("service", $"Keep the service name to at most {MaxService} characters.");
        }
        if (Environment?.Trim().Length > MaxEnvironment)
        {
            Fail("environment", $"Keep the environment to at most {MaxEnvironment} characters.");
        }
        if (!string.IsNullOrWhiteSpace(Proxy) && !ArticleParser.KnownEmitters.Contains(Proxy.Trim()))
        {
            Fail("proxy", $"Choose the proxy from the list ({string.Join(", ", ArticleParser.KnownEmitters.Order())}).");
        }
        if (!IncidentNames.TryParseSeverity(Severity, out _))
        {
            Fail("severity", "Choose a severity from SEV1 (worst) to SEV4.");
        }
        if (StartedAt is { } started && started.ToUniversalTime() > now.AddMinutes(5))
        {
            Fail("startedAt", "The start time is in the future.");
        }
        if (DetectedAt is { } detected && StartedAt is { } start && detected < start)
        {
            Fail("detectedAt", "It cannot have been detected before it started.");
        }
        if (ErrorLog?.Length > MaxErrorLog)
        {
            Fail("errorLog", $"Keep the excerpt to at most {MaxErrorLog:N0} characters: the lines around the failure.");
        }
        if (!string.IsNullOrWhiteSpace(Cause) && catalog.Find(Cause.Trim()) is not { Category: ArticleCategory.Cause })
        {
            Fail("cause", $"\"{Cause}\" is not a known cause.");
        }
        return errors;
    }
}
