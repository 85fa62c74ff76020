namespace KB.Web.Components;

/// <summary>Where a published app finds its static files, settings and default data: beside itself.</summary>
public static class PublishedFolder
{
    /// <summary>
    /// The app's own folder when it runs from a publish output (the one with a wwwroot/ beside the executable) and no
    /// content root was given; null otherwise, which keeps ASP.NET's default: the current directory. A service
    /// manager that starts the app from / would otherwise serve no styles or scripts and put the database in /data.
    /// </summary>
    public static string? ContentRoot(string[] args)
    {
        var contentRootGiven = Environment.GetEnvironmentVariable("ASPNETCORE_CONTENTROOT") is { Length: > 0 }
            || args.Any(argument => argument.TrimStart('-', '/').StartsWith("contentRoot", StringComparison.OrdinalIgnoreCase));
        var folder = AppContext.BaseDirectory;
        return !contentRootGiven && Directory.Exists(Path.Combine(folder, "wwwroot")) ? folder : null;
    }
}
