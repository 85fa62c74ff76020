using KB.Web.Features.Accounts;
using KB.Web.Features.Knowledge;
using Microsoft.AspNetCore.Http.HttpResults;

namespace KB.Web.Features.Incidents;

public static class IncidentApi
{
    public static IEndpointRouteBuilder MapIncidentApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/incidents");
        api.MapGet("/", ListAsync);
        api.MapGet("/{id:int}", GetAsync).WithName("GetIncident");
        api.MapPost("/", CreateAsync).RequireAuthorization(policy => policy.RequireRole(Roles.Responder));
        endpoints.MapGet("/incidents/{id:int}/postmortem.md", PostmortemAsync);
        return endpoints;
    }

    private static async Task<Results<Ok<IReadOnlyList<IncidentResponse>>, ValidationProblem>> ListAsync(
        string? status, string? severity, string? service, string? cause, DateTime? from, DateTime? to, string? q, string? sort, int? page, int? pageSize,
        IncidentSearch search, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        IncidentStatus? statusFilter = null;
        Severity? severityFilter = null;
        if (status is not null)
        {
            if (IncidentNames.TryParseStatus(status, out var parsed)) { statusFilter = parsed; } else { errors["status"] = ["Use investigating, identified, mitigated or resolved."]; }
        }
        if (severity is not null)
        {
            if (IncidentNames.TryParseSeverity(severity, out var parsed)) { severityFilter = parsed; } else { errors["severity"] = ["Use SEV1, SEV2, SEV3 or SEV4."]; }
        }
        if (LengthLimit.Problem(q, IncidentFilter.MaxText, "The text filter") is { } tooLong)
        {
            errors["q"] = [tooLong];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var filter = new IncidentFilter(statusFilter, severityFilter, service, cause, from?.ToUniversalTime(), to?.ToUniversalTime(), q,
            Enum.TryParse<IncidentSort>(sort, true, out var order) ? order : IncidentSort.StartedNewest, page ?? 1, pageSize ?? 50);
        var result = await search.ListAsync(filter, cancellationToken);
        return TypedResults.Ok<IReadOnlyList<IncidentResponse>>(result.Incidents.Select(IncidentResponse.Full).ToList());
    }

    private static async Task<Results<Ok<IncidentResponse>, NotFound>> GetAsync(int id, IncidentService incidents, CancellationToken cancellationToken) =>
        await incidents.FindAsync(id, cancellationToken) is { } incident ? TypedResults.Ok(IncidentResponse.Full(incident)) : TypedResults.NotFound();

    private static async Task<Results<CreatedAtRoute<IncidentResponse>, ValidationProblem>> CreateAsync(
        IncidentDraft? draft, IncidentService incidents, KnowledgeBase knowledgeBase, ICurrentUser currentUser, TimeProvider clock, CancellationToken cancellationToken)
    {
        draft ??= new IncidentDraft();
        var errors = draft.Validate(knowledgeBase.Current, clock.GetUtcNow().UtcDateTime);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The incident could not be logged.");
        }
        var who = await currentUser.NameAsync() ?? "api";
        var created = await incidents.CreateAsync(draft, who, cancellationToken);
        var incident = await incidents.FindAsync(created.Id, cancellationToken);
        return TypedResults.CreatedAtRoute(IncidentResponse.Full(incident!), "GetIncident", new { id = created.Id });
    }

    private static async Task<Results<FileContentHttpResult, NotFound>> PostmortemAsync(int id, IncidentService incidents, KnowledgeBase knowledgeBase, CancellationToken cancellationToken)
    {
        if (await incidents.FindAsync(id, cancellationToken) is not { } incident)
        {
            return TypedResults.NotFound();
        }
        var markdown = Postmortem.Write(incident, knowledgeBase.Current);
        return TypedResults.File(System.Text.Encoding.UTF8.GetBytes(markdown), "text/markdown; charset=utf-8", $"incident-{id}-postmortem.md");
    }
}

/// <summary>An incident as the API shows it (camelCase JSON).</summary>
public sealed record IncidentResponse(
    int Id,
    string Title,
    string Service,
    string? Environment,
    string? Proxy,
    string Severity,
    string Status,
    string? Cause,
    string? CauseRevision,
    string ErrorLog,
    DateTime StartedAt,
    DateTime? DetectedAt,
    DateTime? IdentifiedAt,
    DateTime? MitigatedAt,
    DateTime? ResolvedAt,
    string? ResolutionNote,
    string? FixedBy,
    IReadOnlyList<Suggestion> Suggestions,
    IReadOnlyList<ChecklistItemResponse> Checklist,
    IReadOnlyList<TimelineEntryResponse> Timeline,
    int Version)
{
    public static IncidentResponse Full(Incident incident) => new(
        incident.Id, incident.Title, incident.Service, incident.Environment, incident.Proxy, incident.Severity.ToString(), incident.Status.Key(),
        incident.Cause, incident.CauseRevision, incident.ErrorLog, incident.StartedAt, incident.DetectedAt, incident.IdentifiedAt, incident.MitigatedAt,
        incident.ResolvedAt, incident.ResolutionNote, incident.Checklist.FirstOrDefault(item => item.Id == incident.FixedByStep)?.Text,
        IncidentService.SuggestionsOf(incident),
        incident.Checklist.OrderBy(item => item.Position).Select(item => new ChecklistItemResponse(item.Id, item.Text, item.Done, item.DoneBy, item.DoneAt, item.Note, item.AddedBy, item.AddedAt)).ToList(),
        incident.Timeline.OrderBy(entry => entry.At).ThenBy(entry => entry.Id).Select(entry => new TimelineEntryResponse(entry.At, entry.Who, entry.Kind, entry.Text)).ToList(),
        incident.Version);
}

/// <summary>A checklist step; <paramref name="AddedBy"/> names the responder who added it, null for the article's steps.</summary>
public sealed record ChecklistItemResponse(int Id, string Text, bool Done, string? DoneBy, DateTime? DoneAt, string? Note, string? AddedBy, DateTime? AddedAt);

public sealed record TimelineEntryResponse(DateTime At, string Who, string Kind, string Text);
