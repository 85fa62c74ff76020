using Bunit;
using KB.Web.Features.Incidents;

namespace KB.Tests.Components;

public class CauseTrendChartTests : ComponentTestContext
{
    [Fact]
    public void The_chart_stacks_one_series_per_cause_over_the_months()
    {
        var trend = new CauseTrend(["2026-10", "2026-11"],
        [
            new CauseSeries("upstream-down", "Upstream refuses connections", [new("2026-10", 2), new("2026-11", 0)]),
            new CauseSeries("dns-resolution", "Upstream host name does not resolve", [new("2026-10", 1), new("2026-11", 3)]),
        ]);

        var chart = Context.Render<CauseTrendChart>(parameters => parameters.Add(x => x.Trend, trend));

        Assert.Contains("Upstream refuses connections", chart.Markup);
        Assert.Contains("Upstream host name does not resolve", chart.Markup);
        Assert.Contains("2026-11", chart.Markup);
        Assert.NotEmpty(chart.FindAll("svg"));
    }
}
