using System.Text.RegularExpressions;

namespace KB.Web.Features.Triage.Hops;

/// <summary>One mark of a hop: a pattern over one pasted line and how strongly it ties the error to that hop.</summary>
public sealed record HopSignature(string Component, HopMark Mark, Regex Pattern)
{
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(500);

    public static HopSignature Page(string component, string pattern) => new(component, HopMark.Page, Compile(pattern));

    public static HopSignature Log(string component, string pattern) => new(component, HopMark.Log, Compile(pattern));

    public static HopSignature Server(string component, string pattern) => new(component, HopMark.Server, Compile(pattern));

    public static HopSignature Relay(string component, string pattern) => new(component, HopMark.Relay, Compile(pattern));

    private static Regex Compile(string pattern) =>
        new(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, MatchTimeout);
}
