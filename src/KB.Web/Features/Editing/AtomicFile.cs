using System.Text;

namespace KB.Web.Features.Editing;

/// <summary>
/// Writes an article file so that readers (the app, git, the content watcher) see the old file or the new one, never
/// half of it: a temporary file beside it, written through to disk, then renamed over it. The temporary name does not
/// end in .md.
/// </summary>
public static class AtomicFile
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <param name="overwrite">False for a new article: the rename then fails (<see cref="IOException"/>) when a file is already there.</param>
    public static async Task WriteAsync(string path, string text, bool overwrite, CancellationToken cancellationToken)
    {
        var temporary = Path.Combine(Path.GetDirectoryName(path)!, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            // Write-through: the new text is on disk before the rename makes it the article.
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Options = FileOptions.WriteThrough };
            await using (var stream = new FileStream(temporary, options))
            {
                await stream.WriteAsync(Utf8.GetBytes(text), cancellationToken);
            }
            KeepPermissions(path, temporary);
            File.Move(temporary, path, overwrite);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    /// <summary>The rename replaces the file, so the new one is given the old one's permissions (say, readable by a group).</summary>
    private static void KeepPermissions(string original, string replacement)
    {
        if (!OperatingSystem.IsWindows() && File.Exists(original))
        {
            File.SetUnixFileMode(replacement, File.GetUnixFileMode(original));
        }
    }
}
