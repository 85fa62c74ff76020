namespace KB.Web.Features.Triage;

/// <summary>A paste cut down to what triage reads: at most <see cref="MaxLines"/> lines of <see cref="MaxLineLength"/> characters.</summary>
public sealed class PastedText
{
    public const int MaxLines = 2_000;
    public const int MaxLineLength = 2_000;

    /// <summary>The most UTF-8 bytes the paste box reads and POST /api/triage accepts.</summary>
    public const int MaxBytes = 6 * 1024 * 1024;

    private PastedText(IReadOnlyList<string> lines, int totalLines, int linesCut)
    {
        Lines = lines;
        TotalLines = totalLines;
        LinesCut = linesCut;
    }

    /// <summary>The non-blank lines read, numbered from 1 by their position in the paste.</summary>
    public IReadOnlyList<string> Lines { get; }

    public int TotalLines { get; }

    /// <summary>Lines read only up to <see cref="MaxLineLength"/> characters.</summary>
    public int LinesCut { get; }

    public static PastedText Read(string text)
    {
        var lines = new List<string>();
        var total = 0;
        var cut = 0;
        var start = 0;
        while (start <= text.Length)
        {
            var end = text.IndexOf('\n', start);
            if (end < 0)
            {
                end = text.Length;
            }
            total++;
            if (lines.Count < MaxLines)
            {
                var line = text.AsSpan(start, end - start).TrimEnd('\r');
                if (line.Length > MaxLineLength)
                {
                    cut++;
                    line = line[..MaxLineLength];
                }
                lines.Add(line.ToString());
            }
            start = end + 1;
        }
        return new PastedText(lines, total, cut);
    }

    /// <summary>Text that is mostly control characters is a binary file pasted or posted by mistake.</summary>
    public static bool LooksBinary(string text)
    {
        var sample = text.AsSpan(0, Math.Min(text.Length, 64 * 1024));
        var control = 0;
        foreach (var c in sample)
        {
            if (c == '\0')
            {
                return true;
            }
            if (char.IsControl(c) && c is not '\n' and not '\r' and not '\t')
            {
                control++;
            }
        }
        return sample.Length > 0 && control > sample.Length / 10;
    }
}
