using Microsoft.EntityFrameworkCore;

namespace KB.Web.Data;

/// <summary>
/// The app's one database. The schema is owned by the scripts in Data/Schema (applied by DbUp at start-up);
/// EF Core maps onto those tables and never creates or migrates them.
/// </summary>
public sealed class KbDb(DbContextOptions<KbDb> options) : DbContext(options)
{
}
