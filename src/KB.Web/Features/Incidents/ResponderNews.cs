namespace KB.Web.Features.Incidents;

/// <summary>
/// What other responders did since a page last read an incident, one line each, for the live page to announce:
/// "Bob ticked step 3: …". A person's own changes are left out: they know what they just did.
/// </summary>
public static class ResponderNews
{
    /// <summary>The lines for the timeline entries of <paramref name="incident"/> not in <paramref name="seen"/> and not made by <paramref name="me"/>.</summary>
    public static IReadOnlyList<string> Unseen(Incident incident, IReadOnlySet<int> seen, string? me) =>
        incident.Timeline
            .Where(entry => !seen.Contains(entry.Id) && entry.Who != me)
            .Select(entry => Describe(entry, incident))
            .ToList();

    private static string Describe(TimelineEntry entry, Incident incident)
    {
        // A step's entry reads "Ticked: <step text>", "Unticked: <step text>" (IncidentService.SetStepDoneAsync) or
        // "Added step: <step text>" (IncidentService.AddStepAsync).
        if (entry.Kind == TimelineKinds.Step
            && incident.Checklist.FirstOrDefault(step => entry.Text.EndsWith(": " + step.Text, StringComparison.Ordinal)) is { } step)
        {
            var verb = entry.Text.StartsWith("Ticked:", StringComparison.Ordinal) ? "ticked"
                : entry.Text.StartsWith(IncidentService.AddedStepPrefix, StringComparison.Ordinal) ? "added"
                : "unticked";
            return $"{entry.Who} {verb} step {step.Position + 1}: {step.Text}";
        }
        return $"{entry.Who}: {entry.Text}";
    }
}
