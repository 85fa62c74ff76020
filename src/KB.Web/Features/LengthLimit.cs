namespace KB.Web.Features;

/// <summary>The one wording of a length rule: <c>max</c> characters are accepted, one more is refused.</summary>
public static class LengthLimit
{
    /// <summary>A message such as "The title can be at most 200 characters; this one has 231.", or null when the text fits.</summary>
    public static string? Problem(string? text, int max, string what) =>
        text?.Length > max ? $"{what} can be at most {max:N0} characters; this one has {text.Length:N0}." : null;
}
