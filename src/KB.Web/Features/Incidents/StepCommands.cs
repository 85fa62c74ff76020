using System.Text.RegularExpressions;

namespace KB.Web.Features.Incidents;

/// <summary>
/// The commands a checklist step asks a responder to run: its inline code spans that read as a command (a word
/// and its arguments), not a lone setting name such as <c>proxy_pass</c>.
/// </summary>
public static partial class StepCommands
{
    public static IReadOnlyList<string> In(string step) =>
        InlineCode().Matches(step).Select(match => match.Groups[1].Value)
            .Where(command => command.Length >= 4 && command.Contains(' '))
            .ToList();

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex InlineCode();
}
