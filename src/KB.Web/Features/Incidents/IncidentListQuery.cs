using System.Globalization;

namespace KB.Web.Features.Incidents;

/// <summary>
/// The filters, order and page of the incident list as they travel in its URL (GET /incidents?q=&amp;status=&amp;severity=&amp;
/// service=&amp;cause=&amp;from=&amp;to=&amp;sort=&amp;page=), so that a link or the back button shows the same list. Dates are
/// UTC days, yyyy-MM-dd, both included; what cannot be read is ignored and named by <see cref="Problems"/>.
/// </summary>
public sealed record IncidentListQuery(
    string? Q = null,
    string? Status = null,
    string? Severity = null,
    string? Service = null,
    string? Cause = null,
    string? From = null,
    string? To = null,
    IncidentSort Sort = IncidentSort.StartedNewest,
    int Page = 1)
{
    public const int PageSize = 25;

    public static IncidentListQuery Parse(string? q, string? status, string? severity, string? service, string? cause, string? from, string? to, string? sort, int? page) =>
        new(Blank(q), Blank(status), Blank(severity), Blank(service), Blank(cause), Blank(from), Blank(to),
            Enum.TryParse<IncidentSort>(sort, true, out var order) && Enum.IsDefined(order) ? order : IncidentSort.StartedNewest,
            Math.Max(1, page ?? 1));

    public IncidentFilter ToFilter(int pageSize = PageSize) => new(
        IncidentNames.TryParseStatus(Status, out var status) ? status : null,
        IncidentNames.TryParseSeverity(Severity, out var severity) ? severity : null,
        Service, Cause, Day(From), Day(To)?.AddDays(1),
        TextTooLong is null ? Q : null,
        Sort, Page, pageSize);

    /// <summary>Why part of the query was ignored, one sentence each.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (TextTooLong is { } tooLong)
        {
            problems.Add($"{tooLong} It was ignored.");
        }
        foreach (var (name, text) in new[] { ("From", From), ("To", To) })
        {
            if (text is not null && Day(text) is null)
            {
                problems.Add($"\"{text}\" is not a date ({name}); it was ignored.");
            }
        }
        return problems;
    }

    /// <summary>The address of this list: only the parameters that differ from the defaults.</summary>
    public string Url()
    {
        var parameters = new Dictionary<string, string?>
        {
            ["q"] = Q,
            ["status"] = Status,
            ["severity"] = Severity,
            ["service"] = Service,
            ["cause"] = Cause,
            ["from"] = From,
            ["to"] = To,
            ["sort"] = Sort == IncidentSort.StartedNewest ? null : Sort.ToString(),
            ["page"] = Page > 1 ? Page.ToString(CultureInfo.InvariantCulture) : null,
        };
        var query = string.Join('&', parameters.Where(p => !string.IsNullOrEmpty(p.Value)).Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value!)}"));
        return query.Length == 0 ? "/incidents" : $"/incidents?{query}";
    }

    private string? TextTooLong => LengthLimit.Problem(Q, IncidentFilter.MaxText, "The text filter");

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static DateTime? Day(string? text) =>
        DateTime.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var day)
            ? day
            : null;
}
