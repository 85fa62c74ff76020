using System.Globalization;

namespace KB.Web.Features.Audit;

/// <summary>
/// The audit filters as they travel in a URL (GET /admin/audit and /admin/audit.csv): dates are UTC days,
/// yyyy-MM-dd, both included. <see cref="Sort"/> names an <see cref="AuditSort"/>; newest first when it names none.
/// </summary>
public sealed record AuditQuery(string? Actor, string? Action, string? Subject, string? SubjectId, string? From, string? To, string? Q, int? Page, string? Sort = null)
{
    public const int PageSize = 50;

    public AuditSort Order => Enum.TryParse<AuditSort>(Sort, true, out var sort) && Enum.IsDefined(sort) ? sort : AuditSort.Newest;

    public AuditFilter ToFilter(int pageSize = PageSize) => new(Actor, Action, Subject, SubjectId, Day(From), Day(To)?.AddDays(1), Q, Page ?? 1, pageSize, Order);

    /// <summary>What was ignored because it is not a date, or null.</summary>
    public string? DateProblem() =>
        new[] { ("From", From), ("To", To) }
            .Where(date => !string.IsNullOrWhiteSpace(date.Item2) && Day(date.Item2) is null)
            .Select(date => $"\"{date.Item2}\" is not a date ({date.Item1}); it was ignored.")
            .FirstOrDefault();

    /// <summary>The address of these filters on <paramref name="path"/>, with a page number when it is past the first.</summary>
    public string Url(string path, int page = 1)
    {
        var parameters = new Dictionary<string, string?>
        {
            ["actor"] = Actor,
            ["action"] = Action,
            ["subject"] = Subject,
            ["subjectId"] = SubjectId,
            ["from"] = From,
            ["to"] = To,
            ["q"] = Q,
            ["sort"] = Order == AuditSort.Newest ? null : Order.ToString(),
            ["page"] = page > 1 ? page.ToString(CultureInfo.InvariantCulture) : null,
        };
        var query = string.Join('&', parameters.Where(p => !string.IsNullOrWhiteSpace(p.Value)).Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value!)}"));
        return query.Length == 0 ? path : $"{path}?{query}";
    }

    private static DateTime? Day(string? text) =>
        DateTime.TryParseExact(text?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var day)
            ? day
            : null;
}
