using KB.Web.Data;
using KB.Web.Features.Evidence;
using KB.Web.Features.Incidents;
using KB.Web.Features.Knowledge;
using KB.Web.Features.Triage.Runbook;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KB.Tests.ArticleEvidence;

/// <summary>What incidents say about cause articles, over a real SQLite file and a clock the test sets.</summary>
public sealed class IncidentEvidenceTests : IDisposable
{
    private static string RefusedAt(string upstream) =>
        $"2024/05/14 09:12:03 [error] 2817#2817: *1043 connect() failed (111: Connection refused) while connecting to upstream, client: 10.0.0.7, server: shop, request: \"GET / HTTP/1.1\", upstream: \"http://{upstream}/\"";

    private readonly KbApp _app = new();
    private readonly EvidenceClock _clock = new();
    private readonly WebApplicationFactory<Program> _host;

    public IncidentEvidenceTests() =>
        _host = _app.WithWebHostBuilder(builder => builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(_clock)));

    public void Dispose() => _app.Dispose();

    private IncidentService Incidents => _host.Services.GetRequiredService<IncidentService>();

    private IncidentEvidence Evidence => _host.Services.GetRequiredService<IncidentEvidence>();

    private Article Article(string slug) => _host.Services.GetRequiredService<KnowledgeBase>().Current.Find(slug)!;

    private async Task<Incident> LogAsync(string cause = "upstream-down", string upstream = "10.0.3.12:8080", TimeSpan? startedBefore = null)
    {
        var draft = new IncidentDraft { Title = "502s on checkout", Service = "checkout-api", Severity = "SEV2", Cause = cause, ErrorLog = RefusedAt(upstream), StartedAt = _clock.Now - (startedBefore ?? TimeSpan.Zero) };
        var created = await Incidents.CreateAsync(draft, "Alice");
        return (await Incidents.FindAsync(created.Id))!;
    }

    /// <summary>Resolves the incident now, naming the checklist step at <paramref name="step"/> (or none) as the one that fixed it.</summary>
    private async Task ResolveAsync(Incident incident, int? step)
    {
        var result = await Incidents.ResolveAsync(incident.Id, "Restarted the upstream", step is { } position ? incident.Checklist[position].Id : null, incident.Version, "Alice");
        Assert.Equal(ChangeOutcome.Done, result.Outcome);
    }

    [Fact]
    public async Task A_resolved_incident_naming_its_fixing_step_verifies_the_cause_article_on_the_day_it_was_resolved()
    {
        var incident = await LogAsync();
        _clock.Now = _clock.Now.AddHours(3);
        await ResolveAsync(incident, step: 1);

        var freshness = await Evidence.FreshnessOfAsync(Article("upstream-down"));

        Assert.Equal(new Verification(incident.Id, _clock.Now), freshness.LastVerified);
        Assert.False(freshness.IsStale);
    }

    [Fact]
    public async Task An_incident_resolved_without_a_fixing_step_or_still_open_verifies_nothing()
    {
        await ResolveAsync(await LogAsync(), step: null);
        await LogAsync();

        var freshness = await Evidence.FreshnessOfAsync(Article("upstream-down"));

        Assert.True(freshness.Tracked);
        Assert.Null(freshness.LastVerified);
        Assert.True(freshness.IsStale);
    }

    [Fact]
    public async Task The_latest_resolution_verifies_and_the_cache_forgets_on_each_incident_change()
    {
        var first = await LogAsync();
        await ResolveAsync(first, step: 0);
        Assert.Equal(first.Id, (await Evidence.FreshnessOfAsync(Article("upstream-down"))).LastVerified?.IncidentId);

        _clock.Now = _clock.Now.AddDays(2);
        var second = await LogAsync();
        await ResolveAsync(second, step: 2);

        Assert.Equal(new Verification(second.Id, _clock.Now), (await Evidence.FreshnessOfAsync(Article("upstream-down"))).LastVerified);
    }

    [Fact]
    public async Task Reopening_a_resolved_incident_takes_its_verification_back()
    {
        var incident = await LogAsync();
        await ResolveAsync(incident, step: 1);
        Assert.NotNull((await Evidence.FreshnessOfAsync(Article("upstream-down"))).LastVerified);

        var resolved = (await Incidents.FindAsync(incident.Id))!;
        Assert.Equal(ChangeOutcome.Done, (await Incidents.ChangeStatusAsync(incident.Id, IncidentStatus.Mitigated, resolved.Version, "Alice")).Outcome);

        Assert.Null((await Evidence.FreshnessOfAsync(Article("upstream-down"))).LastVerified);
    }

    [Fact]
    public async Task A_second_read_is_answered_from_memory_without_the_database()
    {
        var incident = await LogAsync();
        await ResolveAsync(incident, step: 1);
        var article = Article("upstream-down");
        var verified = await Evidence.FreshnessOfAsync(article);
        var record = await Evidence.RecordOfAsync(article);

        // Rows removed behind EF's back tell no one: what the reads answer now can only come from the cache.
        await using (var db = await _host.Services.GetRequiredService<IDbContextFactory<KbDb>>().CreateDbContextAsync())
        {
            await db.Database.ExecuteSqlRawAsync("DELETE FROM checklist_items; DELETE FROM timeline_entries; DELETE FROM incident_roles; DELETE FROM follow_ups; DELETE FROM incidents;");
        }

        Assert.Equal(verified, await Evidence.FreshnessOfAsync(article));
        Assert.Same(record, await Evidence.RecordOfAsync(article));
    }

    [Theory]
    [InlineData(179, false)]
    [InlineData(180, false)]
    [InlineData(181, true)]
    public async Task A_cause_article_is_stale_once_no_incident_verified_it_for_the_configured_days(int daysLater, bool stale)
    {
        await ResolveAsync(await LogAsync(), step: 1);

        _clock.Now = _clock.Now.AddDays(daysLater);

        Assert.Equal(stale, (await Evidence.FreshnessOfAsync(Article("upstream-down"))).IsStale);
        Assert.Equal(stale, (await Evidence.StaleAsync(_host.Services.GetRequiredService<KnowledgeBase>().Current)).Any(x => x.Article.Slug == "upstream-down"));
    }

    [Fact]
    public async Task Articles_that_are_not_causes_are_not_tracked_and_never_stale()
    {
        var catalog = _host.Services.GetRequiredService<KnowledgeBase>().Current;
        var diagnostic = catalog.Articles.First(article => article.Category == ArticleCategory.Diagnostic);

        Assert.Equal(Freshness.Untracked, await Evidence.FreshnessOfAsync(diagnostic));
        var stale = await Evidence.StaleAsync(catalog);
        Assert.All(stale, x => Assert.Equal(ArticleCategory.Cause, x.Article.Category));
        Assert.Equal(catalog.Articles.Count(article => article.Category == ArticleCategory.Cause), stale.Count);
    }

    [Fact]
    public async Task The_record_counts_linked_incidents_the_median_time_to_resolve_the_step_most_often_and_the_last_seen()
    {
        // Three resolved in 1 h, 2 h and 4 h; the step filled with two different addresses counts as one article step.
        foreach (var (upstream, hours, step) in new[] { ("10.0.3.12:8080", 1, 1), ("10.9.9.9:9000", 2, 1), ("10.0.3.12:8080", 4, 5) })
        {
            var incident = await LogAsync(upstream: upstream, startedBefore: TimeSpan.FromHours(hours));
            await ResolveAsync(incident, step);
        }
        _clock.Now = _clock.Now.AddDays(1);
        var open = await LogAsync(startedBefore: TimeSpan.FromMinutes(5));
        await LogAsync(cause: "dns-resolution");

        var record = await Evidence.RecordOfAsync(Article("upstream-down"));

        Assert.Equal(4, record.Incidents);
        Assert.Equal(new DurationStat(TimeSpan.FromHours(2), 3), record.TimeToResolve);
        Assert.Equal(new FixCount(RunbookFiller.Example(Article("upstream-down").Checklist[1]), 2), record.MostOftenFixedBy);
        Assert.Equal(open.StartedAt, record.LastSeen);
    }

    [Fact]
    public async Task Logging_an_incident_in_its_transaction_forgets_the_record_once_committed()
    {
        var article = Article("header-too-large");
        Assert.Equal(0, (await Evidence.RecordOfAsync(article)).Incidents);

        await LogAsync(cause: "header-too-large");

        Assert.Equal(1, (await Evidence.RecordOfAsync(article)).Incidents);
    }

    [Fact]
    public async Task A_cause_no_incident_was_linked_to_has_an_empty_record()
    {
        Assert.Equal(CauseRecord.None, await Evidence.RecordOfAsync(Article("header-too-large")));
    }

    [Fact]
    public void A_filled_step_is_known_by_the_article_step_it_came_from()
    {
        const string step = "Curl it: `curl -sv http://{{upstream:10.1.2.3:8080}}/healthz` then `ss -ltnp 'sport = :{{upstream_port:8080}}'`";

        Assert.True(RunbookFiller.IsFilledFrom(step, "Curl it: `curl -sv http://10.9.9.9:9000/healthz` then `ss -ltnp 'sport = :9000'`"));
        Assert.True(RunbookFiller.IsFilledFrom(step, RunbookFiller.Example(step)));
        Assert.False(RunbookFiller.IsFilledFrom(step, "Curl it: `curl -sv https://10.9.9.9:9000/healthz`"));
        Assert.True(RunbookFiller.IsFilledFrom("Read the logs (no marks)", "Read the logs (no marks)"));
        Assert.False(RunbookFiller.IsFilledFrom("Read the logs", "Read the logs again"));
    }
}
