using System.Text;
using System.Text.RegularExpressions;

namespace KB.Web.Features.Triage;

/// <summary>
/// The plain text a signature cannot match without: for each top-level alternative of the pattern, its longest run of
/// literal characters outside groups, classes and optional parts. A line that holds none of them (ignoring case)
/// cannot match, so its expression is not run: most signatures are about one emitter's wording, and most lines are
/// not. <c>null</c> when some alternative has no such run, and the expression always runs.
/// </summary>
public static partial class SignatureAnchors
{
    private const int MinLength = 3;

    public static string[]? Of(string pattern)
    {
        if (IgnoresWhitespace().IsMatch(pattern))
        {
            return null; // whitespace and '#' stop being literal
        }
        var anchors = new List<string>();
        foreach (var alternative in TopLevelAlternatives(pattern))
        {
            if (LongestLiteral(alternative) is not { Length: >= MinLength } anchor)
            {
                return null;
            }
            anchors.Add(anchor);
        }
        return [.. anchors.Distinct(StringComparer.OrdinalIgnoreCase)];
    }

    /// <summary>
    /// Whether a line may match. Regular expressions fold case beyond ASCII (the Kelvin sign is a 'k' to them), so a
    /// line with any other character is always handed to the expression.
    /// </summary>
    public static bool MayMatch(string[]? anchors, string line, bool lineIsAscii)
    {
        if (anchors is null || !lineIsAscii)
        {
            return true;
        }
        foreach (var anchor in anchors)
        {
            if (line.Contains(anchor, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }
        return false;
    }

    private static List<string> TopLevelAlternatives(string pattern)
    {
        var alternatives = new List<string>();
        var start = 0;
        for (var i = 0; i < pattern.Length; i = EndOfAtom(pattern, i) + 1)
        {
            if (pattern[i] == '|')
            {
                alternatives.Add(pattern[start..i]);
                start = i + 1;
            }
        }
        alternatives.Add(pattern[start..]);
        return alternatives;
    }

    private static string LongestLiteral(string alternative)
    {
        var runs = new List<string>();
        var run = new StringBuilder();
        var lastWasLiteral = false;

        void EndRun()
        {
            if (run.Length > 0)
            {
                runs.Add(run.ToString());
                run.Clear();
            }
            lastWasLiteral = false;
        }

        void Literal(char c)
        {
            if (char.IsAscii(c))
            {
                run.Append(c);
                lastWasLiteral = true;
            }
            else
            {
                EndRun();
            }
        }

        for (var i = 0; i < alternative.Length; i++)
        {
            var c = alternative[i];
            switch (c)
            {
                case '\\' when i + 1 < alternative.Length:
                    var escaped = alternative[++i];
                    if (char.IsAsciiLetterOrDigit(escaped))
                    {
                        EndRun(); // a class (\d, \s), an anchor (\b), a code (\x41, \u0041) or a back-reference
                        i = EndOfEscape(alternative, i);
                    }
                    else
                    {
                        Literal(escaped);
                    }
                    break;
                case '(':
                    EndRun();
                    i = EndOfGroup(alternative, i);
                    break;
                case '[':
                    EndRun();
                    i = EndOfClass(alternative, i);
                    break;
                case '.' or '^' or '$':
                    EndRun();
                    break;
                case '*' or '?' or '+' or '{' when Quantifier().Match(alternative, i) is { Success: true } quantifier && quantifier.Index == i:
                    // The atom before an optional quantifier may be absent; one repeated may stand more than once.
                    var optional = c is '*' or '?' || quantifier.Groups["min"].Value is "0";
                    if (optional && lastWasLiteral)
                    {
                        run.Length--;
                    }
                    EndRun();
                    i += quantifier.Length - 1;
                    break;
                default:
                    Literal(c);
                    break;
            }
        }
        EndRun();
        return runs.MaxBy(literal => literal.Length) ?? "";
    }

    private static int EndOfEscape(string pattern, int letter)
    {
        var i = letter;
        switch (pattern[letter])
        {
            case 'p' or 'P' or 'k' when letter + 1 < pattern.Length && pattern[letter + 1] is '{' or '<' or '\'':
                var close = pattern[letter + 1] switch { '{' => '}', '<' => '>', _ => '\'' };
                var end = pattern.IndexOf(close, letter + 2);
                return end < 0 ? pattern.Length : end;
            case 'x':
                return Math.Min(pattern.Length - 1, letter + 2);
            case 'u':
                return Math.Min(pattern.Length - 1, letter + 4);
            case 'c':
                return Math.Min(pattern.Length - 1, letter + 1);
            case >= '0' and <= '9':
                while (i + 1 < pattern.Length && char.IsAsciiDigit(pattern[i + 1]))
                {
                    i++;
                }
                return i;
            default:
                return i;
        }
    }

    /// <summary>Where the escape, class or group starting at <paramref name="i"/> ends (nested groups included).</summary>
    private static int EndOfAtom(string pattern, int i) => pattern[i] switch
    {
        '\\' => i + 1,
        '[' => EndOfClass(pattern, i),
        '(' => EndOfGroup(pattern, i),
        _ => i,
    };

    private static int EndOfGroup(string pattern, int open)
    {
        for (var i = open + 1; i < pattern.Length; i = EndOfAtom(pattern, i) + 1)
        {
            if (pattern[i] == ')')
            {
                return i;
            }
        }
        return pattern.Length;
    }

    private static int EndOfClass(string pattern, int open)
    {
        var i = open + 1;
        if (i < pattern.Length && pattern[i] == '^')
        {
            i++;
        }
        if (i < pattern.Length && pattern[i] == ']')
        {
            i++; // a ']' first in a class is literal
        }
        for (; i < pattern.Length; i++)
        {
            if (pattern[i] == '\\')
            {
                i++;
            }
            else if (pattern[i] == ']')
            {
                return i;
            }
        }
        return pattern.Length;
    }

    [GeneratedRegex(@"\(\?[imns-]*x")]
    private static partial Regex IgnoresWhitespace();

    [GeneratedRegex(@"\G(?:[*?+]|\{(?<min>\d+)(?:,\d*)?\})[?+]?")]
    private static partial Regex Quantifier();
}
