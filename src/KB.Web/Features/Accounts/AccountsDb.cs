using KB.Web.Data;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace KB.Web.Features.Accounts;

/// <summary>
/// Identity's users plus sessions, API tokens and invitations, on the app's one SQLite file. Like KbDb, it maps onto
/// tables that Data/Schema/0003-accounts.sql creates.
/// </summary>
public sealed class AccountsDb(DbContextOptions<AccountsDb> options) : IdentityUserContext<Account>(options)
{
    public DbSet<Session> Sessions => Set<Session>();
    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();
    public DbSet<Invitation> Invitations => Set<Invitation>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.Entity<Account>(account =>
        {
            account.ToTable("users");
            account.Ignore(x => x.IsDisabled);
        });
        builder.Entity<Microsoft.AspNetCore.Identity.IdentityUserClaim<string>>().ToTable("user_claims");
        builder.Entity<Microsoft.AspNetCore.Identity.IdentityUserLogin<string>>().ToTable("user_logins");
        builder.Entity<Microsoft.AspNetCore.Identity.IdentityUserToken<string>>().ToTable("user_tokens");
        builder.Entity<Session>().ToTable("sessions");
        builder.Entity<ApiToken>().ToTable("api_tokens");
        builder.Entity<Invitation>().ToTable("invitations");
        SqliteConventions.UseSnakeCaseColumns(builder);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        SqliteConventions.StoreTimesAsUtcText(configurationBuilder);
}
