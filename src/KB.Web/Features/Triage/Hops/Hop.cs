namespace KB.Web.Features.Triage.Hops;

/// <summary>The component that generated the error (a hop slug of <see cref="HopCatalogue"/>) and the header, page line or log line that shows it.</summary>
public sealed record Hop(string Component, string Evidence, int LineNumber, HopMark Mark)
{
    public HopEntry Entry => HopCatalogue.Find(Component);
}

/// <summary>
/// How strongly a mark ties the error to a hop. A branded page or a status only that hop sends is the generator's own;
/// a log line is written by the component that answered; a <c>Server:</c> header names the last hop that wrote the
/// response; relay headers (<c>Via</c>, <c>cf-ray</c>, <c>X-Served-By</c>, ...) only show that the response passed through.
/// </summary>
public enum HopMark
{
    Relay = 1,
    Server = 2,
    Log = 3,
    Page = 4,
}
