namespace KB.Web.Features.Triage;

/// <summary>The part of a long log line around a match, so that the match is visible without scrolling.</summary>
public sealed record Excerpt(string Before, string Match, string After)
{
    public const int Context = 90;

    public static Excerpt Around(string line, int start, int length)
    {
        var from = Math.Max(0, start - Context);
        var to = Math.Min(line.Length, start + length + Context);
        return new Excerpt(
            (from > 0 ? "…" : "") + line[from..start],
            line.Substring(start, length),
            line[(start + length)..to] + (to < line.Length ? "…" : ""));
    }
}
