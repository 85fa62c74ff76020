using KB.Web.Features.Accounts;

namespace KB.Tests.Accounts;

public class PasswordRulesTests
{
    [Theory]
    [InlineData("correct-horse-battery-staple-42")]
    [InlineData("my cat eats 3 lemons")]
    [InlineData("Tr0ub4dour&3xyzzy")]
    [InlineData("8273645192837465")]
    [InlineData("twelve chars")]
    public void Long_uncommon_passwords_are_accepted_without_composition_rules(string password) =>
        Assert.Null(PasswordRules.Problem(password, "ana.lima@example.test", "Ana Lima"));

    [Theory]
    [InlineData("short", "at least 12")]
    [InlineData("elevenchars", "at least 12")]
    [InlineData("password1234", "most common")]
    [InlineData("iloveyou2024!", "most common")]
    [InlineData("!!Sunshine2025", "most common")]
    [InlineData("qwertyuiopasdf", "keyboard")]
    [InlineData("qwertyuiopasdfg", "keyboard")]
    [InlineData("abcdefghijklm", "keyboard")]
    [InlineData("123456789012", "keyboard")]
    [InlineData("aaaaaaaaaaaa", "Repeated")]
    [InlineData("abcabcabcabc", "Repeated")]
    [InlineData("ana.lima.2024!", "your name")]
    [InlineData("502desk502desk", "this app's name")]
    public void Short_common_and_guessable_passwords_are_refused_with_the_reason(string password, string reason) =>
        Assert.Contains(reason, PasswordRules.Problem(password, "ana.lima@example.test", "Ana Lima"));

    [Fact]
    public void Exactly_the_minimum_length_is_accepted_and_the_maximum_too()
    {
        Assert.Null(PasswordRules.Problem("kettle plums", null, null));
        Assert.Null(PasswordRules.Problem(new string('x', PasswordRules.MaxLength - 4) + "kiwi", null, null));
        Assert.Contains("at most", PasswordRules.Problem(new string('x', PasswordRules.MaxLength) + "kiwi", null, null));
    }
}
