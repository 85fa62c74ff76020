using System.Text;
using System.Text.RegularExpressions;

namespace KB.Web.Features.Triage.Runbook;

/// <summary>One checklist step, its commands filled with the values read from the paste where the step asks for them.</summary>
public sealed record RunbookStep(string Text, IReadOnlyList<PasteValue> Filled)
{
    /// <summary>The step as the article wrote it, with its placeholders, to fill again with a corrected value.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string Template { get; init; } = Text;
}

/// <summary>A value a step asks for, with the article's example for it.</summary>
public sealed record Placeholder(string Name, string Example);

/// <summary>
/// Fills a checklist step's placeholders. An article marks a value to replace as <c>{{name:example}}</c>, e.g.
/// <c>nc -vz {{upstream_host:10.0.8.21}} {{upstream_port:8080}}</c>: the example stays when the paste gives no value.
/// </summary>
public static partial class RunbookFiller
{
    public static RunbookStep Fill(string step, IReadOnlyList<PasteValue> values)
    {
        var filled = new List<PasteValue>();
        var text = PlaceholderPattern().Replace(step, match =>
        {
            var value = values.FirstOrDefault(candidate => candidate.Name == match.Groups["name"].Value);
            if (value is null)
            {
                return match.Groups["example"].Value;
            }
            if (!filled.Contains(value))
            {
                filled.Add(value);
            }
            return value.Value;
        });
        return new RunbookStep(text, filled) { Template = step };
    }

    /// <summary>The values a step asks for, in the order it names them.</summary>
    public static IEnumerable<Placeholder> Placeholders(string step) =>
        PlaceholderPattern().Matches(step).Select(match => new Placeholder(match.Groups["name"].Value, match.Groups["example"].Value));

    /// <summary>The step as the article shows it: every placeholder replaced by its example.</summary>
    public static string Example(string step) => Fill(step, []).Text;

    /// <summary>Whether <paramref name="text"/> is <paramref name="step"/> with its placeholders filled by some values.</summary>
    public static bool IsFilledFrom(string step, string text)
    {
        var pattern = new StringBuilder("^");
        var end = 0;
        foreach (Match placeholder in PlaceholderPattern().Matches(step))
        {
            pattern.Append(Regex.Escape(step[end..placeholder.Index])).Append("(.*?)");
            end = placeholder.Index + placeholder.Length;
        }
        pattern.Append(Regex.Escape(step[end..])).Append('$');
        try
        {
            return Regex.IsMatch(text, pattern.ToString(), RegexOptions.Singleline | RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    [GeneratedRegex(@"\{\{(?<name>[a-z_]+)(?::(?<example>[^}]*))?\}\}", RegexOptions.CultureInvariant)]
    private static partial Regex PlaceholderPattern();
}
