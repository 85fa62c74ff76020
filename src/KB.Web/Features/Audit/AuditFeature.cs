using KB.Web.Features.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace KB.Web.Features.Audit;

public static class AuditFeature
{
    public static IServiceCollection AddAudit(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<AuditLog>();
        services.AddSingleton<AuditSearch>();
        return services;
    }

    /// <summary>GET /admin/audit.csv: the entries matching the page's filters, in the page's order, written as they are read.</summary>
    public static IEndpointRouteBuilder MapAuditExport(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/admin/audit.csv", Export).RequireAuthorization(policy => policy.RequireRole(Roles.Admin));
        return endpoints;
    }

    private static PushStreamHttpResult Export([AsParameters] AuditQuery query, AuditSearch search, TimeProvider clock, CancellationToken cancellationToken) =>
        TypedResults.Stream(async body =>
        {
            await using var writer = new StreamWriter(body, leaveOpen: true);
            await writer.WriteAsync(AuditCsv.Header + "\r\n");
            await foreach (var entry in search.StreamAsync(query.ToFilter(), cancellationToken))
            {
                await writer.WriteAsync(AuditCsv.Row(entry) + "\r\n");
            }
        }, "text/csv; charset=utf-8", $"audit-{clock.GetUtcNow():yyyyMMdd}.csv");
}
