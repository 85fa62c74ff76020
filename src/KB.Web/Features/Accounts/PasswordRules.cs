using System.Reflection;
using Microsoft.AspNetCore.Identity;

namespace KB.Web.Features.Accounts;

/// <summary>
/// Length is the rule (at least 12 characters, no composition rules), and guessable passwords are refused: the
/// 10,000 most common ones, those with digits or symbols tacked on, repeats, keyboard and alphabet runs, and
/// passwords made of the person's own name or email or this app's name.
/// </summary>
public sealed class PasswordRules : IPasswordValidator<Account>
{
    public const int MinLength = 12;
    public const int MaxLength = 256;

    private static readonly HashSet<string> Common = LoadCommonPasswords();
    private static readonly string[] Runs = ["qwertyuiopasdfghjklzxcvbnm", "abcdefghijklmnopqrstuvwxyz", "01234567890123456789", "azertyuiopqsdfghjklmwxcvbn", "qwertzuiopasdfghjklyxcvbnm"];
    private static readonly char[] Filler = [.. "0123456789 !\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"];
    private static readonly string[] AppWords = ["502desk", "502", "desk", "badgateway", "bad", "gateway"];

    public Task<IdentityResult> ValidateAsync(UserManager<Account> manager, Account user, string? password) =>
        Task.FromResult(Problem(password, user.Email, user.DisplayName) is { } problem
            ? IdentityResult.Failed(new IdentityError { Code = "GuessablePassword", Description = problem })
            : IdentityResult.Success);

    /// <summary>Why the password is refused, or null when it is fine. Length is checked here too, for the forms' sake.</summary>
    public static string? Problem(string? password, string? email = null, string? displayName = null)
    {
        password ??= "";
        if (password.Length < MinLength)
        {
            return $"Use at least {MinLength} characters: a few words you will remember work well.";
        }
        if (password.Length > MaxLength)
        {
            return $"Use at most {MaxLength} characters.";
        }
        var lower = password.ToLowerInvariant();
        var core = lower.Any(char.IsLetter) ? lower.Trim(Filler) : lower;
        if (Common.Contains(lower) || Common.Contains(core))
        {
            return "This is one of the most common passwords (or one with digits added): choose something less guessable.";
        }
        if (IsRepeat(core) || Runs.Any(run => run.Contains(core) || Reverse(run).Contains(core)))
        {
            return "Repeated characters and keyboard or alphabet runs are guessed first: choose something less guessable.";
        }
        var rest = PersonalWords(email, displayName).Concat(AppWords)
            .Aggregate(lower, (text, word) => text.Replace(word, "", StringComparison.Ordinal));
        if (lower.Any(char.IsLetter) && rest.Count(char.IsLetter) < 4)
        {
            return "A password made of your name, your email or this app's name is guessed first: choose something else.";
        }
        return null;
    }

    private static bool IsRepeat(string text)
    {
        for (var unit = 1; unit <= text.Length / 2; unit++)
        {
            if (text.Length % unit == 0 && string.Concat(Enumerable.Repeat(text[..unit], text.Length / unit)) == text)
            {
                return true;
            }
        }
        return false;
    }

    private static string Reverse(string text) => new([.. text.Reverse()]);

    private static IEnumerable<string> PersonalWords(string? email, string? displayName)
    {
        var parts = (email ?? "").ToLowerInvariant().Split('@', '.', '-', '_', '+')
            .Concat((displayName ?? "").ToLowerInvariant().Split(' ', '-', '.', '\''));
        return parts.Where(part => part.Length >= 3).OrderByDescending(part => part.Length);
    }

    private static HashSet<string> LoadCommonPasswords()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("KB.Web.Features.Accounts.common-passwords.txt")
            ?? throw new InvalidOperationException("The common password list is missing from the build.");
        using var reader = new StreamReader(stream);
        var set = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && !line.StartsWith('#'))
            {
                set.Add(line);
            }
        }
        return set;
    }
}
