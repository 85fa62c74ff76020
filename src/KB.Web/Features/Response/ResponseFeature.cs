using System.Globalization;
using KB.Web.Features.Audit;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace KB.Web.Features.Response;

public static class ResponseFeature
{
    public static IServiceCollection AddResponse(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ResponseService>();
        services.AddSingleton<UpdateRhythm>();
        services.AddSingleton<FollowUpSearch>();
        return services;
    }

    /// <summary>GET /follow-ups.csv: the follow-ups matching the page's filters (<c>state</c>, <c>owner</c>, <c>overdue</c>).</summary>
    public static IEndpointRouteBuilder MapFollowUpExport(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/follow-ups.csv", Export);
        return endpoints;
    }

    public const string CsvHeader = "id,incident,incident_title,text,owner,due,done,done_by,done_at,overdue";

    private static Results<PushStreamHttpResult, ProblemHttpResult> Export(string? state, string? owner, string? overdue, FollowUpSearch search, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!Enum.TryParse<FollowUpState>(state ?? "open", ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed))
        {
            return TypedResults.Problem($"state must be open, done or all; \"{state}\" is none of them.", statusCode: StatusCodes.Status400BadRequest);
        }
        var filter = new FollowUpFilter(parsed, owner, string.Equals(overdue, "true", StringComparison.OrdinalIgnoreCase));
        var today = search.Today;
        return TypedResults.Stream(async body =>
        {
            await using var writer = new StreamWriter(body, leaveOpen: true);
            await writer.WriteAsync(CsvHeader + "\r\n");
            await foreach (var row in search.StreamAsync(filter, cancellationToken))
            {
                await writer.WriteAsync(Row(row, today) + "\r\n");
            }
        }, "text/csv; charset=utf-8", $"follow-ups-{clock.GetUtcNow():yyyyMMdd}.csv");
    }

    public static string Row(FollowUpRow row, DateOnly today) => string.Join(',', new[]
    {
        row.Id.ToString(CultureInfo.InvariantCulture), row.IncidentId.ToString(CultureInfo.InvariantCulture), row.IncidentTitle, row.Text, row.Owner,
        row.DueOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), row.Done ? "yes" : "no", row.DoneBy,
        row.DoneAt?.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture), row.IsOverdue(today) ? "yes" : "no",
    }.Select(AuditCsv.Cell));
}
