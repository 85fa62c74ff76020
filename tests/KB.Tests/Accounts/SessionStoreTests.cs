using System.Security.Claims;
using KB.Web.Data;
using KB.Web.Features.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KB.Tests.Accounts;

/// <summary>Sessions are remembered for a few seconds after a read, and never past their end.</summary>
[Trait("Category", TestDatabase.Category)]
public sealed class SessionStoreTests : IAsyncLifetime
{
    private readonly KbApp _app = new();
    private readonly SetClock _clock = new();
    private SessionStore _store = null!;
    private string _alice = "", _bob = "";

    public async Task InitializeAsync()
    {
        _store = new SessionStore(_app.Services.GetRequiredService<IDbContextFactory<KbDb>>(), _clock);
        _alice = (await _app.CreateAsync(Roles.Responder)).Id;
        _bob = (await _app.CreateAsync(Roles.Responder)).Id;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_session_removed_here_is_refused_at_once_although_it_was_just_read()
    {
        var key = await _store.StoreAsync(Ticket(_alice));
        Assert.NotNull(await _store.RetrieveAsync(key));

        await _store.RemoveAsync(key);

        Assert.Null(await _store.RetrieveAsync(key));
    }

    [Fact]
    public async Task Ending_all_of_a_users_sessions_forgets_the_remembered_ones_and_keeps_the_one_asked_for()
    {
        var first = await _store.StoreAsync(Ticket(_alice));
        var kept = await _store.StoreAsync(Ticket(_alice));
        var other = await _store.StoreAsync(Ticket(_bob));
        foreach (var key in new[] { first, kept, other })
        {
            Assert.NotNull(await _store.RetrieveAsync(key));
        }

        await _store.EndAllAsync(_alice, exceptHash: Secrets.Hash(kept));

        Assert.Null(await _store.RetrieveAsync(first));
        Assert.NotNull(await _store.RetrieveAsync(kept));
        Assert.NotNull(await _store.RetrieveAsync(other));
    }

    [Fact]
    public async Task A_session_ended_elsewhere_is_honoured_no_longer_than_the_remembering_window()
    {
        var key = await _store.StoreAsync(Ticket(_alice));
        Assert.NotNull(await _store.RetrieveAsync(key));
        await using (var db = await _app.Services.GetRequiredService<IDbContextFactory<KbDb>>().CreateDbContextAsync())
        {
            // What another node's sign-out does: the row goes, this node's memory does not hear of it.
            await db.Sessions.Where(session => session.Id == Secrets.Hash(key)).ExecuteDeleteAsync();
        }

        Assert.NotNull(await _store.RetrieveAsync(key));
        _clock.Advance(SessionStore.RememberFor);
        Assert.Null(await _store.RetrieveAsync(key));
    }

    [Fact]
    public async Task A_remembered_session_is_refused_once_it_expires()
    {
        var ticket = Ticket(_alice);
        ticket.Properties.ExpiresUtc = _clock.GetUtcNow().AddSeconds(2);
        var key = await _store.StoreAsync(ticket);
        Assert.NotNull(await _store.RetrieveAsync(key));

        _clock.Advance(TimeSpan.FromSeconds(3));

        Assert.Null(await _store.RetrieveAsync(key));
    }

    private static AuthenticationTicket Ticket(string userId) =>
        new(new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, userId)], "test")), "Cookies");

    private sealed class SetClock : TimeProvider
    {
        private DateTimeOffset _now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
