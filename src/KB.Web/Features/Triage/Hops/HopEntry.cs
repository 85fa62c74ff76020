namespace KB.Web.Features.Triage.Hops;

/// <summary>What 502 Desk knows of one hop: where a failure it reports sits, the articles to read next and the causes its 502 can show.</summary>
public sealed record HopEntry(
    string Component,
    string Name,
    HopFamily Family,
    string Where,
    IReadOnlyList<string> ReadNext,
    IReadOnlyList<string> FittingCauses,
    IReadOnlyList<string> Refines)
{
    /// <summary>The knowledge-base article that shows the pages and headers of this hop's family.</summary>
    public string FamilyArticle => Family switch
    {
        HopFamily.Cdn => "cdn-error-pages",
        HopFamily.CloudLoadBalancer => "cloud-lb-error-pages",
        HopFamily.ReverseProxy => "proxy-error-pages",
        _ => "app-platform-error-pages",
    };

    public string FamilyName => Family switch
    {
        HopFamily.Cdn => "CDN",
        HopFamily.CloudLoadBalancer => "cloud load balancer",
        HopFamily.ReverseProxy => "ingress / reverse proxy",
        _ => "app server / platform",
    };
}

public enum HopFamily
{
    Cdn,
    CloudLoadBalancer,
    ReverseProxy,
    AppPlatform,
}
