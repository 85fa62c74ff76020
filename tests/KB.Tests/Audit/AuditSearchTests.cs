using KB.Web.Data;
using KB.Web.Features.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KB.Tests.Audit;

/// <summary>The filters of the audit page and its export, on a real database.</summary>
public sealed class AuditSearchTests : IDisposable
{
    private readonly KbApp _app = new(settings: KbApp.WithoutAdmin); // an audit trail that starts empty

    public AuditSearchTests() => _ = _app.Server;

    public void Dispose() => _app.Dispose();

    private AuditSearch Search => _app.Services.GetRequiredService<AuditSearch>();

    private async Task SeedAsync()
    {
        await using var db = await _app.Services.GetRequiredService<IDbContextFactory<KbDb>>().CreateDbContextAsync();
        db.AuditEntries.AddRange(
            AuditEntry.Of(Utc("2025-01-10 09:00"), "Ada", AuditActions.UserRole, AuditSubjects.User, "7", "Bob is now Editor"),
            AuditEntry.Of(Utc("2025-01-11 09:00"), "alice", AuditActions.IncidentCreated, AuditSubjects.Incident, "12", "#12 Logged as SEV2 on checkout-api"),
            AuditEntry.Of(Utc("2025-01-12 09:00"), "Alice", AuditActions.IncidentNote, AuditSubjects.Incident, "12", "#12 Restarted the pods"),
            AuditEntry.Of(Utc("2025-01-12 23:59"), "Bob", AuditActions.IncidentStatus, AuditSubjects.Incident, "3", "#3 Status identified → mitigated"),
            AuditEntry.Of(Utc("2025-01-13 00:00"), "Bob", AuditActions.SignInFailed, AuditSubjects.User, "bob@example.com", "Wrong password", ip: "10.0.0.9"));
        await db.SaveChangesAsync();
    }

    private static DateTime Utc(string text) => DateTime.SpecifyKind(DateTime.Parse(text, System.Globalization.CultureInfo.InvariantCulture), DateTimeKind.Utc);

    private async Task<string[]> SummariesAsync(AuditQuery query) =>
        (await Search.PageAsync(query.ToFilter())).Entries.Select(entry => entry.Summary).ToArray();

    private static AuditQuery Query(string? actor = null, string? action = null, string? subject = null, string? subjectId = null, string? from = null, string? to = null, string? q = null, int? page = null) =>
        new(actor, action, subject, subjectId, from, to, q, page);

    [Fact]
    public async Task Without_filters_every_entry_is_listed_newest_first()
    {
        await SeedAsync();

        Assert.Equal(["Wrong password", "#3 Status identified → mitigated", "#12 Restarted the pods", "#12 Logged as SEV2 on checkout-api", "Bob is now Editor"], await SummariesAsync(Query()));
    }

    [Fact]
    public async Task The_actor_matches_whatever_the_case()
    {
        await SeedAsync();

        Assert.Equal(["#12 Restarted the pods", "#12 Logged as SEV2 on checkout-api"], await SummariesAsync(Query(actor: "ALICE")));
        Assert.Empty(await SummariesAsync(Query(actor: "Ali")));
    }

    [Fact]
    public async Task The_action_and_the_subject_narrow_the_list()
    {
        await SeedAsync();

        Assert.Equal(["Wrong password"], await SummariesAsync(Query(action: AuditActions.SignInFailed)));
        Assert.Equal(["#12 Restarted the pods", "#12 Logged as SEV2 on checkout-api"], await SummariesAsync(Query(subject: "incident", subjectId: "12")));
        Assert.Equal(["#12 Restarted the pods", "#12 Logged as SEV2 on checkout-api"], await SummariesAsync(Query(subjectId: "#12")));
        Assert.Equal(["Wrong password", "Bob is now Editor"], await SummariesAsync(Query(subject: "user")));
        Assert.Equal(["#12 Restarted the pods"], await SummariesAsync(Query(action: AuditActions.IncidentNote, subject: "incident", subjectId: "12")));
    }

    [Fact]
    public async Task Dates_are_whole_utc_days_with_both_ends_included()
    {
        await SeedAsync();

        Assert.Equal(["#3 Status identified → mitigated", "#12 Restarted the pods", "#12 Logged as SEV2 on checkout-api"], await SummariesAsync(Query(from: "2025-01-11", to: "2025-01-12")));
        Assert.Equal(["Wrong password"], await SummariesAsync(Query(from: "2025-01-13")));
        Assert.Equal(["Bob is now Editor"], await SummariesAsync(Query(to: "2025-01-10")));
    }

    [Fact]
    public void A_date_that_is_not_a_date_is_ignored_and_said_so()
    {
        var query = Query(from: "yesterday", to: "2025-01-12");

        Assert.Null(query.ToFilter().From);
        Assert.Equal(new DateTime(2025, 1, 13, 0, 0, 0, DateTimeKind.Utc), query.ToFilter().To);
        Assert.Equal("\"yesterday\" is not a date (From); it was ignored.", query.DateProblem());
        Assert.Null(Query(from: "2025-01-12").DateProblem());
    }

    [Fact]
    public async Task Text_is_found_anywhere_in_the_summary_whatever_the_case()
    {
        await SeedAsync();

        Assert.Equal(["#12 Restarted the pods"], await SummariesAsync(Query(q: "PODS")));
        Assert.Equal(["#3 Status identified → mitigated"], await SummariesAsync(Query(q: "→ mitigated")));
    }

    [Fact]
    public async Task Pages_split_the_list_and_a_page_past_the_end_shows_the_last()
    {
        await SeedAsync();

        var first = await Search.PageAsync(Query().ToFilter() with { PageSize = 2 });
        var last = await Search.PageAsync(Query(page: 3).ToFilter() with { PageSize = 2 });
        var past = await Search.PageAsync(Query(page: 99).ToFilter() with { PageSize = 2 });

        Assert.Equal((5, 3, 1), (first.Total, first.Pages, first.Page));
        Assert.Equal(["Wrong password", "#3 Status identified → mitigated"], first.Entries.Select(entry => entry.Summary));
        Assert.Equal(["Bob is now Editor"], last.Entries.Select(entry => entry.Summary));
        Assert.Equal(3, past.Page);
    }

    [Fact]
    public async Task The_export_streams_the_same_matches_in_the_same_order()
    {
        await SeedAsync();
        var query = Query(subject: "incident");

        var streamed = new List<string>();
        await foreach (var entry in Search.StreamAsync(query.ToFilter()))
        {
            streamed.Add(entry.Summary);
        }

        Assert.Equal(await SummariesAsync(query), streamed);
    }

    [Fact]
    public void The_filters_travel_in_the_url_without_the_empty_ones()
    {
        var query = Query(actor: "Ada Lovelace", action: AuditActions.UserRole, q: "a&b", page: 2);

        Assert.Equal("/admin/audit?actor=Ada%20Lovelace&action=user.role&q=a%26b&page=3", query.Url("/admin/audit", 3));
        Assert.Equal("/admin/audit.csv?actor=Ada%20Lovelace&action=user.role&q=a%26b", query.Url("/admin/audit.csv"));
        Assert.Equal("/admin/audit", Query().Url("/admin/audit"));
    }
}
