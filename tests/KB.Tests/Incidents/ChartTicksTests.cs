using KB.Web.Features.Incidents;

namespace KB.Tests.Incidents;

public class ChartTicksTests
{
    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 1)]
    [InlineData(3, 1)]
    [InlineData(7, 2)]
    [InlineData(12, 5)]
    [InlineData(30, 10)]
    [InlineData(61, 20)]
    [InlineData(240, 50)]
    public void The_axis_steps_in_round_numbers_to_about_five_lines_over_the_tallest_bar(double tallest, int step)
    {
        Assert.Equal(step, ChartTicks.Step(tallest));
        Assert.InRange(tallest / step, 0, 6);
    }
}
