namespace KB.Web.Data;

/// <summary>Which database the app runs on: `KB:Database:Provider`, `sqlite` (the default) or `postgres`.</summary>
public sealed record DatabaseProvider(string Name)
{
    public const string SettingKey = "KB:Database:Provider";

    public static readonly DatabaseProvider Sqlite = new("sqlite");
    public static readonly DatabaseProvider Postgres = new("postgres");

    /// <exception cref="InvalidOperationException">The setting names another database.</exception>
    public static DatabaseProvider Of(IConfiguration configuration) => configuration[SettingKey]?.Trim().ToLowerInvariant() switch
    {
        null or "" or "sqlite" => Sqlite,
        "postgres" or "postgresql" => Postgres,
        var other => throw new InvalidOperationException($"{SettingKey} is '{other}': 502 Desk runs on 'sqlite' (the default) or 'postgres'."),
    };
}
