using System.Text;
using CsCheck;

namespace KB.Tests.Properties;

/// <summary>
/// Generators of what a stranger, a broken client or a careless paste sends: control characters, lone surrogates,
/// bidirectional marks, NUL, search and template syntax, Markdown and HTML, from one character to a megabyte.
/// </summary>
public static class HostileInput
{
    /// <summary>Cases per property: enough to find the class of input that breaks a rule, few enough to keep the suite fast.</summary>
    public const int Cases = 60;

    /// <summary>Cases per property that goes through HTTP and the database.</summary>
    public const int RequestCases = 40;

    private static readonly string[] Fragments =
    [
        "\0", "\u0001", "\u0007", "\b", "\t", "\n", "\r", "\r\n", "\u000B", "\u000C", "\u001B[31m", "\u007F", "\u0085", "\u2028", "\u2029",
        "\uD800", "\uDBFF", "\uDC00", "\uDFFF", "\uFFFE", "\uFFFF", "\uFEFF", "\u200B", "\u200D", "\u200E", "\u200F", "\u202A", "\u202B", "\u202E", "\u2066", "\u2069",
        "\u0301", "é", "ß", "İ", "ı", "𝔘", "🙂", "👩‍💻", "漢字", "ع", "א",
        "c", "N", "s", "AND(", "AND", "OR", "NOT", "NEAR", "NEAR(", "NEAR(a b, 2)", "\"", "\"\"", "*", "^", "-", ":", "(", ")", "{", "}", "[", "]", "'", "`", "\\", "%", "_", "?",
        "title:", "slug:", "body:x", "' OR 1=1 --", "; DROP TABLE incidents; --",
        "# heading", "## Checklist", "- [ ] step", "- [x] done", "```", "~~~", "> quote", "|a|b|\n|-|-|", "***", "<!-- c -->",
        "[x](javascript:alert(1))", "[x](data:text/html,<script>alert(1)</script>)", "![i](vbscript:x)", "<https://example.com>", "[x]: http://a",
        "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "<svg onload=alert(1)>", "<iframe src=//a>", "&lt;", "&#0;", "&#x202E;",
        "---\n", "---\nslug: x\ntitle: [\n---\n", "key: &a [*a]", "!!python/object:x", "{{ 7*7 }}", "${7*7}", "#{7*7}", "@(1+1)", "<%= 1 %>", "{0}", "{{", "}}", "%s%n%x",
        "../../etc/passwd", "C:\\con\\nul", "file:///etc/passwd", "http://[::1]:0/", "unix:/run/php.sock",
        "(111: Connection refused)", "upstream timed out (110: Connection timed out)", "502.3", "0x80072ee2", "SD--", "UPE", "cf-ray: 1-AMS",
        "connect() failed (111: Connection refused) while connecting to upstream",
        "-1", "0", "2147483648", "1e309", "NaN", "Infinity", "null", "true", "[]", "{}",
    ];

    private static readonly Gen<string> Fragment = Gen.Frequency(
        (6, Gen.OneOf(Fragments)),
        (2, Gen.Char.Select(c => c.ToString())),
        (1, Gen.Char['\0', '\u001F'].Select(c => c.ToString())),
        (1, Gen.Char['\uD800', '\uDFFF'].Select(c => c.ToString())),
        (2, Gen.String));

    /// <summary>One to a few dozen fragments run together: the shape most bugs need.</summary>
    public static readonly Gen<string> Short = Fragment.Array[1, 24].Select(string.Concat);

    /// <summary>A short text repeated up to a megabyte (1,000,000 characters at most).</summary>
    public static readonly Gen<string> Long = Gen.Select(Short, Gen.Int[1_000, 1_000_000], Repeat);

    /// <summary>Mostly short text, sometimes long, now and then exactly a limit's length.</summary>
    public static Gen<string> Text(params int[] limits) => Gen.Frequency(
        (12, Short),
        (1, Long),
        (2, Gen.Select(Short, Gen.OneOf(limits.Length > 0 ? limits : [1]), (text, limit) => Repeat(text, limit))),
        (2, Gen.Select(Short, Gen.OneOf(limits.Length > 0 ? limits : [1]), (text, limit) => Repeat(text, limit + 1))));

    /// <summary>Text, or nothing at all (the field left out).</summary>
    public static Gen<string?> Optional(params int[] limits) => Text(limits).Null(0.2);

    /// <summary>Numbers at and around the edges of what an int can hold.</summary>
    public static readonly Gen<int> Number = Gen.Frequency(
        (3, Gen.OneOf(int.MinValue, int.MinValue + 1, -1, 0, 1, 2, 50, 51, 1_000, int.MaxValue - 1, int.MaxValue)),
        (2, Gen.Int));

    /// <summary>Dates from the year 1 to 9999, and around now.</summary>
    public static readonly Gen<DateTime> Date = Gen.Frequency(
        (2, Gen.OneOf(DateTime.MinValue, DateTime.MaxValue, DateTime.UnixEpoch, new DateTime(9999, 12, 31, 23, 59, 59, DateTimeKind.Utc))),
        (3, Gen.DateTime),
        (3, Gen.Int[-100_000, 100_000].Select(minutes => DateTime.UtcNow.AddMinutes(minutes))));

    /// <summary>A failing case as the test output shows it: short, with control characters escaped.</summary>
    public static string Describe(string? text)
    {
        if (text is null)
        {
            return "null";
        }
        var shown = text.Length > 300 ? text[..300] : text;
        var escaped = string.Concat(shown.Select(c => char.IsControl(c) || char.IsSurrogate(c) || c is >= '\u200B' and <= '\u206F' ? $"\\u{(int)c:X4}" : c.ToString()));
        return text.Length > 300 ? $"{escaped}… ({text.Length:N0} characters)" : escaped;
    }

    private static string Repeat(string text, int length)
    {
        if (text.Length == 0)
        {
            return "";
        }
        var builder = new StringBuilder(length);
        while (builder.Length < length)
        {
            builder.Append(text, 0, Math.Min(text.Length, length - builder.Length));
        }
        return builder.ToString();
    }
}
