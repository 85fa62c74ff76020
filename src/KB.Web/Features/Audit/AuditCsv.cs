using System.Globalization;

namespace KB.Web.Features.Audit;

/// <summary>Audit entries as CSV (RFC 4180), safe to open in a spreadsheet.</summary>
public static class AuditCsv
{
    public const string Header = "id,at,actor,action,subject_type,subject_id,summary,before,after,ip";

    public static string Row(AuditEntry entry) => string.Join(',',
        new[]
        {
            entry.Id.ToString(CultureInfo.InvariantCulture),
            entry.At.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture),
            entry.Actor, entry.Action, entry.SubjectType, entry.SubjectId, entry.Summary, entry.BeforeJson, entry.AfterJson, entry.Ip,
        }.Select(Cell));

    /// <summary>
    /// A cell quoted when it holds a comma, quote or line break. A cell a spreadsheet would take for a formula
    /// (starting with =, +, -, @, tab or carriage return) gets a leading single quote, so it shows as text instead of running.
    /// </summary>
    public static string Cell(string? value)
    {
        var text = value ?? "";
        if (text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            text = "'" + text;
        }
        return text.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? $"\"{text.Replace("\"", "\"\"")}\"" : text;
    }
}
