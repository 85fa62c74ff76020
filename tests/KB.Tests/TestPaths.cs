namespace KB.Tests;

public static class TestPaths
{
    /// <summary>The repository root: the folder that holds KB.sln.</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static string ShippedContent => Path.Combine(RepositoryRoot, "content");

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "KB.sln")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException("KB.sln not found above " + AppContext.BaseDirectory);
    }
}
