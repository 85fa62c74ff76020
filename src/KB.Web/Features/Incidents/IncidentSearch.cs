using KB.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace KB.Web.Features.Incidents;

/// <summary>Filters of the incident list and of GET /api/incidents.</summary>
public sealed record IncidentFilter(
    IncidentStatus? Status = null,
    Severity? Severity = null,
    string? Service = null,
    string? Cause = null,
    DateTime? From = null,
    DateTime? To = null,
    string? Text = null,
    IncidentSort Sort = IncidentSort.StartedNewest,
    int Page = 1,
    int PageSize = 25)
{
    public const int MaxPageSize = 200;
    public const int MaxText = 200;
}

/// <summary>The orders of the incident list; <c>Severity</c> puts SEV1 first, <c>Status</c> the incidents still investigated first.</summary>
public enum IncidentSort
{
    StartedNewest,
    StartedOldest,
    Severity,
    SeverityDescending,
    Status,
    StatusDescending,
    Service,
    ServiceDescending,
    Title,
    TitleDescending,
}

public sealed record IncidentPage(IReadOnlyList<Incident> Incidents, int Total, int Page, int PageSize)
{
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

/// <summary>A past incident like this one, and what fixed it.</summary>
public sealed record SimilarIncident(int Id, string Title, string? Cause, IncidentStatus Status, DateTime StartedAt, string? ResolutionNote, string? FixedBy, string Why);

/// <summary>Reading incidents: the filtered list and similar past incidents.</summary>
public sealed class IncidentSearch(IDbContextFactory<KbDb> dbFactory)
{
    public async Task<IncidentPage> ListAsync(IncidentFilter filter, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = db.Incidents.AsQueryable();
        if (filter.Status is { } status)
        {
            query = query.Where(x => x.Status == status);
        }
        if (filter.Severity is { } severity)
        {
            query = query.Where(x => x.Severity == severity);
        }
        if (!string.IsNullOrWhiteSpace(filter.Service))
        {
            var service = filter.Service.Trim().ToLower();
            query = query.Where(x => x.Service.ToLower() == service);
        }
        if (!string.IsNullOrWhiteSpace(filter.Cause))
        {
            query = query.Where(x => x.Cause == filter.Cause.Trim());
        }
        if (filter.From is { } from)
        {
            query = query.Where(x => x.StartedAt >= from);
        }
        if (filter.To is { } to)
        {
            query = query.Where(x => x.StartedAt < to);
        }
        if (!string.IsNullOrWhiteSpace(filter.Text))
        {
            var text = filter.Text.Trim().ToLower();
            query = query.Where(x => x.Title.ToLower().Contains(text) || x.ErrorLog.ToLower().Contains(text));
        }

        var total = await query.CountAsync(cancellationToken);
        var pageSize = Math.Clamp(filter.PageSize, 1, IncidentFilter.MaxPageSize);
        var page = Math.Clamp(filter.Page, 1, Math.Max(1, (total + pageSize - 1) / pageSize));
        query = filter.Sort switch
        {
            IncidentSort.StartedOldest => query.OrderBy(x => x.StartedAt).ThenBy(x => x.Id),
            IncidentSort.Severity => query.OrderBy(x => x.Severity).ThenByDescending(x => x.StartedAt),
            IncidentSort.SeverityDescending => query.OrderByDescending(x => x.Severity).ThenByDescending(x => x.StartedAt),
            IncidentSort.Status => query.OrderBy(x => x.Status).ThenByDescending(x => x.StartedAt),
            IncidentSort.StatusDescending => query.OrderByDescending(x => x.Status).ThenByDescending(x => x.StartedAt),
            IncidentSort.Service => query.OrderBy(x => x.Service).ThenByDescending(x => x.StartedAt),
            IncidentSort.ServiceDescending => query.OrderByDescending(x => x.Service).ThenByDescending(x => x.StartedAt),
            IncidentSort.Title => query.OrderBy(x => x.Title).ThenBy(x => x.Id),
            IncidentSort.TitleDescending => query.OrderByDescending(x => x.Title).ThenByDescending(x => x.Id),
            _ => query.OrderByDescending(x => x.StartedAt).ThenByDescending(x => x.Id),
        };
        var incidents = await query.Skip((page - 1) * pageSize).Take(pageSize)
            .Include(x => x.Checklist).Include(x => x.Timeline).AsSplitQuery()
            .ToListAsync(cancellationToken);
        return new IncidentPage(incidents, total, page, pageSize);
    }

    public async Task<IReadOnlyList<string>> ServicesAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Incidents.Select(x => x.Service).Distinct().OrderBy(x => x).ToListAsync(cancellationToken);
    }

    /// <summary>Other incidents with the same cause, or whose triage saw the same cause, resolved ones first, newest first.</summary>
    public async Task<IReadOnlyList<SimilarIncident>> SimilarAsync(Incident incident, int max = 5, CancellationToken cancellationToken = default)
    {
        var topSuggestion = IncidentService.SuggestionsOf(incident).FirstOrDefault()?.Cause;
        if (incident.Cause is null && topSuggestion is null)
        {
            return [];
        }
        // Suggestions are stored as JSON, best first: an incident whose triage put the same cause first saw the same signature.
        var sameTopSuggestion = topSuggestion is null ? null : $"[{{\"cause\":\"{topSuggestion}\"";
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var candidates = await db.Incidents.Include(x => x.Checklist)
            .Where(x => x.Id != incident.Id && ((incident.Cause != null && x.Cause == incident.Cause) || (sameTopSuggestion != null && x.Suggestions.StartsWith(sameTopSuggestion))))
            .OrderByDescending(x => x.StartedAt)
            .Take(50)
            .ToListAsync(cancellationToken);
        return candidates
            .OrderBy(x => x.Status == IncidentStatus.Resolved ? 0 : 1)
            .ThenBy(x => x.Cause == incident.Cause ? 0 : 1)
            .ThenByDescending(x => x.StartedAt)
            .Take(max)
            .Select(x => new SimilarIncident(
                x.Id, x.Title, x.Cause, x.Status, x.StartedAt, x.ResolutionNote,
                x.Checklist.FirstOrDefault(item => item.Id == x.FixedByStep)?.Text,
                x.Cause is not null && x.Cause == incident.Cause ? "same cause" : "same log signature"))
            .ToList();
    }
}
