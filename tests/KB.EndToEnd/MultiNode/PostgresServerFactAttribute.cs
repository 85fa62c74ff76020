namespace KB.EndToEnd.MultiNode;

/// <summary>A fact that needs a PostgreSQL server: skipped, with the reason, only on a machine that cannot run one.</summary>
public sealed class PostgresServerFactAttribute : FactAttribute
{
    public PostgresServerFactAttribute()
    {
        Skip = PostgresServer.Unavailable;
    }
}
