namespace KB.Web.Features.Triage;

/// <summary>
/// One reader's conclusion about one line: the text it matched points at a cause with a weight
/// (1 for a code or message that names the cause, less for one that only suggests it).
/// </summary>
public sealed record Finding(string Cause, double Weight, int MatchStart, int MatchLength, string Reason);

/// <summary>Reads one log line for a code that carries meaning (a termination state, a response flag, an errno...).</summary>
public interface IFindingReader
{
    IEnumerable<Finding> Read(string line);
}
