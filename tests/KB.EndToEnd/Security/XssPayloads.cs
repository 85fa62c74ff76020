namespace KB.EndToEnd.Security;

/// <summary>
/// The XSS corpus in xss-payloads.txt, one payload a line. A payload that ran would call alert, confirm or prompt
/// (a dialog) or set <c>window.__xss</c>.
/// </summary>
public static class XssPayloads
{
    public static IReadOnlyList<string> All { get; } =
        File.ReadAllLines(Repository.Path("tests", "KB.EndToEnd", "Security", "xss-payloads.txt")).Where(line => line.Length > 0).ToList();

    /// <summary>Payloads joined with spaces into texts of at most <paramref name="maxLength"/> characters, each payload whole.</summary>
    public static List<string> PackedInto(int maxLength, IEnumerable<string> payloads)
    {
        var texts = new List<string>();
        var current = "";
        foreach (var payload in payloads.Select(payload => payload.Trim()).Where(payload => payload.Length <= maxLength))
        {
            if (current.Length > 0 && current.Length + 1 + payload.Length > maxLength)
            {
                texts.Add(current);
                current = "";
            }
            current = current.Length == 0 ? payload : $"{current} {payload}";
        }
        if (current.Length > 0)
        {
            texts.Add(current);
        }
        return texts;
    }
}
