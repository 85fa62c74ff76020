namespace KB.Web.Features.Nodes;

/// <summary>
/// The other app nodes serving the same database: what changes here that their open pages must show is told to them.
/// On a single node there is nobody to tell.
/// </summary>
public interface IPeerNodes
{
    /// <summary>An incident changed here (tick, note, status, role...): the peers' open pages of it reload.</summary>
    void IncidentChanged(int incidentId);

    /// <summary>An article was saved here: the peers reload the knowledge base from the shared content folder.</summary>
    void ContentChanged();
}

public sealed class SingleNode : IPeerNodes
{
    public void IncidentChanged(int incidentId)
    {
    }

    public void ContentChanged()
    {
    }
}
