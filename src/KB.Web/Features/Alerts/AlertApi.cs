using System.Text;
using System.Text.Json;
using KB.Web.Features.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.OpenApi;

namespace KB.Web.Features.Alerts;

/// <summary>
/// The webhooks monitoring posts alerts to. They answer as soon as the payload is safe in the inbox (202, with the
/// inbox item to follow); opening and updating incidents happens after the answer.
/// </summary>
public static class AlertApi
{
    /// <summary>The largest payload read: Alertmanager groups can carry many alerts, each with long annotations.</summary>
    public const int MaxPayloadBytes = 2 * 1024 * 1024;

    public static IEndpointRouteBuilder MapAlertApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/alerts").RequireAuthorization(policy => policy.RequireRole(Roles.Responder)).WithTags("Alerts");
        api.MapPost("/alertmanager", AlertmanagerAsync).ProducesAlertAnswers<AlertmanagerPayload>()
            .WithSummary("Takes Prometheus Alertmanager's webhook (payload version 4)");
        api.MapPost("/", GenericAsync).ProducesAlertAnswers<GenericAlert>()
            .WithSummary("Takes an alert from any other sender: {title, service, severity?, errorLog?, dedupKey?, status?}");
        api.MapGet("/inbox/{id:int}", InboxItemAsync).WithName("GetAlertInboxItem")
            .WithSummary("What became of an accepted payload: pending, handled (with its incidents) or failed");
        return endpoints;
    }

    /// <remarks>
    /// The body is described to OpenAPI by hand: Accepts metadata would make routing send another content type to the
    /// /api fallback (404) instead of to the handler's 415, which says what to send.
    /// </remarks>
    private static RouteHandlerBuilder ProducesAlertAnswers<TBody>(this RouteHandlerBuilder endpoint) => endpoint
        .AddOpenApiOperationTransformer(async (operation, context, cancellationToken) => operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Schema = await context.GetOrCreateSchemaAsync(typeof(TBody), null, cancellationToken) } },
        })
        .Produces<AlertAccepted>(StatusCodes.Status202Accepted)
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

    private static Task<IResult> AlertmanagerAsync(HttpRequest request, AlertInbox inbox, ICurrentUser currentUser, CancellationToken cancellationToken) =>
        ReceiveAsync<AlertmanagerPayload>(request, inbox, currentUser, AlertSources.Alertmanager, payload => (payload.Validate(), payload.Alerts?.Count ?? 0), cancellationToken);

    private static Task<IResult> GenericAsync(HttpRequest request, AlertInbox inbox, ICurrentUser currentUser, CancellationToken cancellationToken) =>
        ReceiveAsync<GenericAlert>(request, inbox, currentUser, AlertSources.Generic, alert => (alert.Validate(), 1), cancellationToken);

    /// <summary>Reads and checks the payload, then keeps it as sent in the inbox (one commit) and answers 202.</summary>
    private static async Task<IResult> ReceiveAsync<T>(HttpRequest request, AlertInbox inbox, ICurrentUser currentUser, string source,
        Func<T, (Dictionary<string, string[]> Errors, int Alerts)> check, CancellationToken cancellationToken) where T : class
    {
        var (payload, raw, problem) = await ReadAsync<T>(request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }
        var (errors, alerts) = check(payload!);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The alert payload could not be read.");
        }
        var item = await inbox.AcceptAsync(source, raw, await currentUser.NameAsync() ?? "api", cancellationToken);
        return TypedResults.Accepted($"/api/alerts/inbox/{item.Id}", new AlertAccepted(item.Id, alerts, "pending"));
    }

    private static async Task<Results<Ok<AlertInboxResponse>, NotFound>> InboxItemAsync(int id, AlertInbox inbox, CancellationToken cancellationToken) =>
        await inbox.FindAsync(id, cancellationToken) is { } item ? TypedResults.Ok(AlertInboxResponse.Of(item)) : TypedResults.NotFound();

    /// <summary>Reads at most <see cref="MaxPayloadBytes"/> of JSON; a body that is too big, not JSON or of the wrong shape is named in a problem.</summary>
    private static async Task<(T? Value, string Raw, IResult? Problem)> ReadAsync<T>(HttpRequest request, CancellationToken cancellationToken) where T : class
    {
        // Only JSON: a cross-site form cannot send it, so a browser's sign-in cookie cannot be used to post alerts.
        if (!request.HasJsonContentType())
        {
            return (null, "", TypedResults.Problem("Send the payload as application/json.", statusCode: StatusCodes.Status415UnsupportedMediaType, title: "The payload is not JSON."));
        }
        if (request.ContentLength > MaxPayloadBytes)
        {
            return (null, "", TooLarge(request.ContentLength.Value));
        }
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            await buffer.WriteAsync(chunk.AsMemory(0, read), cancellationToken);
            if (buffer.Length > MaxPayloadBytes)
            {
                return (null, "", TooLarge(buffer.Length));
            }
        }
        var raw = Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        try
        {
            return JsonSerializer.Deserialize<T>(raw, AlertIntake.Json) is { } value
                ? (value, raw, null)
                : (null, raw, Unreadable("body", "Send a JSON object."));
        }
        catch (JsonException exception)
        {
            var field = exception.Path is { Length: > 2 } path && path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : null;
            return field is null
                ? (null, raw, Unreadable("body", "The body is not JSON: send a JSON object."))
                : (null, raw, Unreadable(field, $"\"{field}\" has a value of the wrong type."));
        }
    }

    private static ValidationProblem TooLarge(long bytes) => Unreadable("body",
        $"The payload can be at most {MaxPayloadBytes:N0} bytes ({MaxPayloadBytes / (1024 * 1024)} MB); this one has {bytes:N0}. Send fewer alerts at a time (max_alerts in Alertmanager's receiver).");

    private static ValidationProblem Unreadable(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, title: "The payload could not be read.");
}

public sealed record AlertAccepted(int InboxId, int Alerts, string Status);

public sealed record AlertInboxResponse(int Id, string Source, string Status, DateTime ReceivedAt, DateTime? ProcessedAt, int Attempts, string? Problem, IReadOnlyList<int> Incidents)
{
    public static AlertInboxResponse Of(AlertInboxItem item) => new(
        item.Id, item.Source,
        item.ProcessedAt is not null ? "handled" : item.Attempts >= AlertInbox.MaxAttempts ? "failed" : "pending",
        item.ReceivedAt, item.ProcessedAt, item.Attempts, item.Problem,
        item.Incidents.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToList());
}
