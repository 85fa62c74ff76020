using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace KB.Web.Data;

/// <summary>How the EF Core model of the app maps onto the SQLite schema: snake_case columns, times as sortable text.</summary>
public static class SqliteConventions
{
    public static void UseSnakeCaseColumns(ModelBuilder modelBuilder)
    {
        foreach (var property in modelBuilder.Model.GetEntityTypes().SelectMany(entity => entity.GetProperties()))
        {
            property.SetColumnName(SnakeCase(property.Name));
        }
    }

    public static void StoreTimesAsUtcText(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcText>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcText>();
    }

    private static string SnakeCase(string name) =>
        string.Concat(name.Select((c, i) => char.IsUpper(c) && i > 0 ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));

    /// <summary>UTC times as fixed-width ISO 8601 text, so that SQLite sorts and compares them correctly as text.</summary>
    private sealed class UtcText() : ValueConverter<DateTime, string>(value => Format(value), text => Parse(text))
    {
        private static string Format(DateTime value) =>
            (value.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(value, DateTimeKind.Utc) : value.ToUniversalTime())
                .ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

        private static DateTime Parse(string text) =>
            DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
    }
}
