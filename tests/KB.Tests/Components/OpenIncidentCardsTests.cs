using Bunit;
using KB.Web.Features.Accounts;
using KB.Web.Features.Incidents;

namespace KB.Tests.Components;

public class OpenIncidentCardsTests : ComponentTestContext
{
    private static List<OpenIncident> Open(int count) =>
        Enumerable.Range(1, count)
            .Select(id => new OpenIncident(id, $"Checkout answers 502 #{id}", "checkout-api", Severity.SEV2, IncidentStatus.Investigating,
                new DateTime(2026, 12, 1, 3, 0, 0, DateTimeKind.Utc), TimeSpan.FromMinutes(id)))
            .ToList();

    private IRenderedComponent<OpenIncidentCards> Render(List<OpenIncident> incidents) =>
        Context.Render<OpenIncidentCards>(parameters => parameters.Add(x => x.Incidents, incidents));

    [Fact]
    public void A_few_open_incidents_all_show_without_a_link_to_more()
    {
        var cards = Render(Open(4));

        Assert.Equal(4, cards.FindAll(".open-incident").Count);
        Assert.DoesNotContain(cards.FindAll("a"), link => link.TextContent.StartsWith("See all", StringComparison.Ordinal));
    }

    [Fact]
    public void Many_open_incidents_show_the_first_ones_and_a_link_to_all_of_them()
    {
        var cards = Render(Open(67));

        var titles = cards.FindAll(".open-incident-title").Select(title => title.TextContent.Trim()).ToList();
        Assert.Equal(OpenIncidentCards.Shown, titles.Count);
        Assert.Equal("Checkout answers 502 #1", titles[0]);
        var all = cards.FindAll("a").Single(link => link.TextContent.Contains("See all", StringComparison.Ordinal));
        Assert.Equal("See all 67 open incidents", all.TextContent.Trim());
        Assert.Equal("/incidents?sort=Status", all.GetAttribute("href"));
    }

    [Fact]
    public void No_open_incident_says_so_and_a_responder_is_offered_to_log_one()
    {
        Authorization.SetAuthorized("Rita").SetRoles([.. Roles.Including(Roles.Responder)]);

        var cards = Render([]);

        Assert.Contains("No open incidents.", cards.Markup);
        Assert.Empty(cards.FindAll(".open-incident"));
        Assert.Equal("/incidents/new", cards.Find("a").GetAttribute("href"));
    }
}
