using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace KB.Web.Features.Audit;

/// <summary>One append-only line of the audit trail: who did what to which subject, when, and the fields it changed.</summary>
public sealed class AuditEntry
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    // Stored as readable text (no \uXXXX for non-ASCII); it is only ever shown as text or quoted as a CSV cell.
    private static readonly JsonSerializerOptions Stored = new(Json) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public int Id { get; set; }
    public DateTime At { get; set; }
    public required string Actor { get; set; }
    public required string Action { get; set; }
    public required string SubjectType { get; set; }
    public required string SubjectId { get; set; }
    public required string Summary { get; set; }
    public string? BeforeJson { get; set; }
    public string? AfterJson { get; set; }
    public string? Ip { get; set; }

    public const int MaxSummary = 300;

    /// <summary>
    /// An entry whose before and after keep only the fields that differ, so callers may pass whole snapshots
    /// (small records or anonymous objects). The summary is cut to one line of at most <see cref="MaxSummary"/> characters.
    /// </summary>
    public static AuditEntry Of(DateTime at, string actor, string action, string subjectType, string subjectId, string summary,
        object? before = null, object? after = null, string? ip = null)
    {
        var (beforeNode, afterNode) = ChangedFields(ToNode(before), ToNode(after));
        return new AuditEntry
        {
            At = at,
            Actor = actor,
            Action = action,
            SubjectType = subjectType,
            SubjectId = subjectId,
            Summary = OneLine(summary),
            BeforeJson = beforeNode?.ToJsonString(Stored),
            AfterJson = afterNode?.ToJsonString(Stored),
            Ip = ip,
        };
    }

    private static JsonNode? ToNode(object? value) => value is null ? null : JsonSerializer.SerializeToNode(value, Json);

    private static (JsonNode? Before, JsonNode? After) ChangedFields(JsonNode? before, JsonNode? after)
    {
        if (before is not JsonObject beforeObject || after is not JsonObject afterObject)
        {
            return (before, after);
        }
        var unchanged = beforeObject
            .Where(field => afterObject.TryGetPropertyValue(field.Key, out var value) && JsonNode.DeepEquals(field.Value, value))
            .Select(field => field.Key)
            .ToList();
        foreach (var name in unchanged)
        {
            beforeObject.Remove(name);
            afterObject.Remove(name);
        }
        return (beforeObject.Count == 0 ? null : beforeObject, afterObject.Count == 0 ? null : afterObject);
    }

    private static string OneLine(string text)
    {
        var line = string.Join(' ', text.Split((char[])['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return line.Length <= MaxSummary ? line : line[..(MaxSummary - 1)] + "…";
    }
}
