namespace KB.Web.Features.Accounts;

/// <summary>What the set-up and invitation pages ask of a new user.</summary>
public sealed class NewAccountForm
{
    public string? Email { get; set; }
    public string? DisplayName { get; set; }
    public string? Password { get; set; }
    public string? ConfirmPassword { get; set; }

    /// <summary>The confirmation check; the rest is AccountAdmin's. Passwords are cleared so they are never echoed back.</summary>
    public string? Mismatch()
    {
        var mismatch = Password != ConfirmPassword ? "The two passwords differ: type the same password twice." : null;
        Password = ConfirmPassword = null;
        return mismatch;
    }
}
