using System.Globalization;

namespace KB.Web.Features.Incidents;

/// <summary>
/// Chart labels for months written "yyyy-MM": the month's short name, with the year on the first month and on each
/// January, so twelve of them fit under a half-width chart without running into each other.
/// </summary>
public static class MonthLabels
{
    public static string[] For(IEnumerable<string> months) => [.. months.Select((month, index) => Label(month, index == 0))];

    private static string Label(string month, bool first)
    {
        if (!DateOnly.TryParseExact(month, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return month;
        }
        var name = day.ToString("MMM", CultureInfo.InvariantCulture);
        return first || day.Month == 1 ? $"{name} {day.Year}" : name;
    }
}
