namespace KB.Web.Features.Alerts;

/// <summary>
/// The alert labels that name the incident's service, first present wins: KB:Alerts:ServiceLabels, by default
/// service then job.
/// </summary>
public sealed class AlertServiceLabels(IConfiguration configuration)
{
    public const string Key = "KB:Alerts:ServiceLabels";

    public IReadOnlyList<string> Names { get; } =
        configuration.GetSection(Key).Get<string[]>()?.Where(name => !string.IsNullOrWhiteSpace(name)).Select(name => name.Trim()).ToArray() is { Length: > 0 } names
            ? names
            : ["service", "job"];
}
