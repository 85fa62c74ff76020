using Bunit;
using KB.Tests.Knowledge;
using KB.Web.Features.Knowledge;
using KB.Web.Features.Triage;
using KB.Web.Features.Triage.Hops;
using Microsoft.Extensions.DependencyInjection;

namespace KB.Tests.Components;

public class HopCardTests : ComponentTestContext, IClassFixture<ShippedContentApp>
{
    public HopCardTests(ShippedContentApp app) =>
        Context.Services.AddFallbackServiceProvider(app.Services);

    [Fact]
    public void Shows_the_hop_its_evidence_where_the_failure_sits_the_articles_to_read_and_the_causes_ranked_by_the_log_lines()
    {
        var hop = new Hop("cloudflare", "HTTP/1.1 522 Origin Connection Time-out", 1, HopMark.Page);
        var candidates = new List<TriageCandidate>
        {
            new("firewall-blocked", "Firewall", 2, 0.7, [], []),
            new("socket-permission", "Socket", 1, 0.3, [], []),
        };
        var result = new TriageResult(candidates, [], 3, 3, 0, UsedFullTextFallback: false) { Hop = hop };

        var card = Context.Render<HopCard>(parameters => parameters.Add(x => x.Result, result));

        Assert.Contains("Cloudflare generated this error", card.Find(".hop-name").TextContent);
        Assert.Equal("HTTP/1.1 522 Origin Connection Time-out", card.Find(".hop-evidence").TextContent);
        Assert.StartsWith("Cloudflare could not get a valid answer from your origin", card.Find(".hop-where").TextContent);
        Assert.Contains(card.FindAll("a"), link => link.GetAttribute("href") == "/kb/cdn-error-pages");
        var causes = card.FindAll("[aria-label='Causes that fit this hop'] a").Select(link => link.GetAttribute("href")).ToList();
        Assert.Equal("/kb/firewall-blocked", causes[0]);
        Assert.DoesNotContain("/kb/socket-permission", causes);
    }

    [Fact]
    public void Renders_nothing_when_the_paste_does_not_name_a_hop()
    {
        var result = new TriageResult([], [], 1, 1, 0, UsedFullTextFallback: false);

        var card = Context.Render<HopCard>(parameters => parameters.Add(x => x.Result, result));

        Assert.Empty(card.Markup.Trim());
    }
}
