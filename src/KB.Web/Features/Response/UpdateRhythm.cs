using KB.Web.Features.Incidents;

namespace KB.Web.Features.Response;

/// <summary>
/// How often an open incident owes its watchers a status update, by severity: <c>KB:Incidents:UpdateEveryMinutes:SEV1</c>
/// and so on (defaults 15, 30 and 60 minutes; SEV4 and any value of 0 ask for none).
/// </summary>
public sealed class UpdateRhythm(IConfiguration configuration)
{
    private static readonly Dictionary<Severity, int> Defaults = new() { [Severity.SEV1] = 15, [Severity.SEV2] = 30, [Severity.SEV3] = 60 };

    public TimeSpan? Every(Severity severity)
    {
        var configured = configuration.GetValue<int?>($"KB:Incidents:UpdateEveryMinutes:{severity}");
        var minutes = configured ?? Defaults.GetValueOrDefault(severity);
        return minutes > 0 ? TimeSpan.FromMinutes(minutes) : null;
    }

    /// <summary>Where the incident stands in its rhythm at <paramref name="now"/>, or null when none applies (resolved, or a severity without one).</summary>
    public RhythmState? StateOf(Incident incident, DateTime now)
    {
        if (!incident.IsOpen || Every(incident.Severity) is not { } every)
        {
            return null;
        }
        var last = incident.Timeline.LastOrDefault(entry => entry.Kind == TimelineKinds.Update);
        var since = last?.At ?? incident.StartedAt;
        return new RhythmState(every, last?.At, now - since, now - since >= every);
    }
}

/// <summary>The time since the last update (or since the incident started, before the first), against the rhythm's interval.</summary>
public sealed record RhythmState(TimeSpan Every, DateTime? LastUpdate, TimeSpan Since, bool Due);
