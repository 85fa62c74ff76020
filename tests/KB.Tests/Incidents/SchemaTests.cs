using KB.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KB.Tests.Incidents;

/// <summary>The EF Core model maps onto the tables the migrations create, column for column.</summary>
public class SchemaTests
{
    [Fact]
    public async Task Every_mapped_column_exists_in_the_scripted_schema()
    {
        using var app = new KbApp();
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<KbDb>>().CreateDbContextAsync();
        await db.Database.OpenConnectionAsync();

        foreach (var entity in db.Model.GetEntityTypes())
        {
            var table = entity.GetTableName()!;
            var columns = new HashSet<string>();
            await using (var command = db.Database.GetDbConnection().CreateCommand())
            {
                command.CommandText = $"SELECT name FROM pragma_table_info('{table}')";
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    columns.Add(reader.GetString(0));
                }
            }
            Assert.True(columns.Count > 0, $"table {table} is not in the migrated schema");
            foreach (var property in entity.GetProperties())
            {
                Assert.Contains(property.GetColumnName(), columns);
            }
        }
    }
}
