namespace KB.Web.Features.Incidents;

/// <summary>
/// The spacing of a chart's value axis: a round step (1, 2 or 5 times a power of ten) giving about five lines up to the
/// tallest bar. MudBlazor's fixed default of 20 drew a month of three incidents as a sliver under an empty axis.
/// </summary>
public static class ChartTicks
{
    public static int Step(double tallest)
    {
        var wanted = tallest / 5;
        if (wanted <= 1)
        {
            return 1;
        }
        var power = Math.Pow(10, Math.Floor(Math.Log10(wanted)));
        var step = new[] { 1, 2, 5, 10 }.Select(factor => factor * power).First(candidate => candidate >= wanted);
        return (int)step;
    }
}
