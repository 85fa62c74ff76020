using Bunit;
using KB.Web.Features.Incidents;

namespace KB.Tests.Components;

public class KeyFigureCardsTests : ComponentTestContext
{
    private static readonly DurationStat None = new(null, 0);

    private IRenderedComponent<KeyFigureCards> Render(KeyFigures figures) =>
        Context.Render<KeyFigureCards>(parameters => parameters.Add(x => x.Figures, figures));

    private static string Card(IRenderedComponent<KeyFigureCards> cards, string title) =>
        cards.Find($"[role=group][aria-label='{title}']").TextContent;

    [Fact]
    public void Each_median_shows_beside_the_one_of_the_30_days_before()
    {
        var cards = Render(new KeyFigures(3,
            new PeriodMedians(new DurationStat(TimeSpan.FromMinutes(42), 4), new DurationStat(TimeSpan.FromMinutes(70), 5)),
            new PeriodMedians(new DurationStat(TimeSpan.FromMinutes(125), 1), new DurationStat(TimeSpan.FromHours(2), 2))));

        Assert.Contains("3", Card(cards, "Open incidents"));
        var identify = Card(cards, "Median time to identify");
        Assert.Contains("42 min", identify);
        Assert.Contains("was 1 h 10 min the 30 days before", identify);
        Assert.Contains("4 incidents identified in the last 30 days", identify);
        var resolve = Card(cards, "Median time to resolve");
        Assert.Contains("2 h 05 min", resolve);
        Assert.Contains("was 2 h 00 min the 30 days before", resolve);
        Assert.Contains("1 incident resolved in the last 30 days", resolve);
    }

    [Fact]
    public void Without_incidents_a_card_says_so_rather_than_show_a_number()
    {
        var cards = Render(new KeyFigures(0,
            new PeriodMedians(None, new DurationStat(TimeSpan.FromMinutes(15), 2)),
            new PeriodMedians(new DurationStat(TimeSpan.FromMinutes(50), 2), None)));

        var identify = Card(cards, "Median time to identify");
        Assert.Contains("no incidents", identify);
        Assert.Contains("was 15 min the 30 days before", identify);
        Assert.DoesNotContain("0 s", identify);
        var resolve = Card(cards, "Median time to resolve");
        Assert.Contains("50 min", resolve);
        Assert.Contains("no incidents the 30 days before", resolve);
        Assert.Contains("0", Card(cards, "Open incidents"));
    }
}
