using Bunit;
using KB.Web.Features.Incidents;

namespace KB.Tests.Components;

public class CauseTrendChartTests : ComponentTestContext
{
    [Fact]
    public void The_chart_stacks_one_series_per_cause_over_the_months()
    {
        var trend = new CauseTrend(["2026-11", "2026-12", "2027-01"],
        [
            new CauseSeries("upstream-down", "Upstream refuses connections", [new("2026-11", 2), new("2026-12", 0), new("2027-01", 1)]),
            new CauseSeries("dns-resolution", "Upstream host name does not resolve", [new("2026-11", 1), new("2026-12", 3), new("2027-01", 0)]),
        ]);

        var chart = Context.Render<CauseTrendChart>(parameters => parameters.Add(x => x.Trend, trend));

        Assert.Contains("Upstream refuses connections", chart.Markup);
        Assert.Contains("Upstream host name does not resolve", chart.Markup);
        Assert.NotEmpty(chart.FindAll("svg"));
        // Short month names fit twelve under a half-width chart; the year shows where the chart starts and where it turns.
        var labels = chart.FindAll("svg text").Select(text => text.TextContent.Trim()).ToList();
        Assert.Contains("Nov 2026", labels);
        Assert.Contains("Dec", labels);
        Assert.Contains("Jan 2027", labels);
        Assert.DoesNotContain("2026-12", labels);
        // The value axis counts in ones up to the busiest month's three incidents, not in MudBlazor's default twenties.
        Assert.Contains("3", labels);
        Assert.DoesNotContain("20", labels);
    }
}
