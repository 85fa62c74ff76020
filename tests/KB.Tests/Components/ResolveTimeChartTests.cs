using Bunit;
using KB.Web.Features.Incidents;

namespace KB.Tests.Components;

public class ResolveTimeChartTests : ComponentTestContext
{
    [Fact]
    public void Only_months_with_a_resolved_incident_get_a_bar_oldest_first()
    {
        var none = new DurationStat(null, 0);
        var months = new List<MonthTimes>
        {
            new("2026-11", 2, none, new DurationStat(TimeSpan.FromMinutes(90), 2)),
            new("2026-10", 1, none, none),
            new("2026-09", 3, none, new DurationStat(TimeSpan.FromMinutes(45), 3)),
        };

        var chart = Context.Render<ResolveTimeChart>(parameters => parameters.Add(x => x.Months, months));

        Assert.NotEmpty(chart.FindAll("svg"));
        Assert.DoesNotContain("2026-10", chart.Markup);
        Assert.True(chart.Markup.IndexOf("2026-09", StringComparison.Ordinal) < chart.Markup.IndexOf("2026-11", StringComparison.Ordinal));
        Assert.Contains("Median time to resolve (minutes)", chart.Markup);
        Assert.Contains("2026-09: 45 min over 3 resolved; 2026-11: 1 h 30 min over 2 resolved", chart.Find("figcaption").TextContent);
    }
}
