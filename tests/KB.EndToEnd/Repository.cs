namespace KB.EndToEnd;

public static class Repository
{
    /// <summary>The folder that holds KB.sln.</summary>
    public static string Root { get; } = FindRoot();

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    /// <summary>Screenshots the test run saves for people to look at.</summary>
    public static string ScreenshotPath(string name)
    {
        var folder = Path("artifacts", "screenshots");
        Directory.CreateDirectory(folder);
        return System.IO.Path.Combine(folder, name);
    }

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "KB.sln")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException("KB.sln not found above " + AppContext.BaseDirectory);
    }
}
