using System.Net;
using System.Text.Encodings.Web;
using KB.Web.Features.Incidents;
using KB.Web.Features.Knowledge;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace KB.Tests.Incidents;

/// <summary>The dashboard's numbers over a real SQLite file, with a clock the test sets.</summary>
public sealed class DashboardTests : IDisposable
{
    private static readonly DateTime Now = new(2025, 6, 15, 12, 0, 0, DateTimeKind.Utc);

    private readonly KbApp _app = new();
    private readonly SetClock _clock = new();
    private readonly WebApplicationFactory<Program> _host;

    public DashboardTests() =>
        _host = _app.WithWebHostBuilder(builder => builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(_clock)));

    private IncidentService Incidents => _host.Services.GetRequiredService<IncidentService>();

    private DashboardStats Stats => _host.Services.GetRequiredService<DashboardStats>();

    private string UpstreamDown => _host.Services.GetRequiredService<KnowledgeBase>().Current.Find("upstream-down")!.Title;

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Open_incidents_come_worst_first_with_the_time_they_have_been_open()
    {
        await LogAsync("Checkout still failing", "checkout-api", "SEV2", At(15, 10), TimeSpan.FromMinutes(5));
        await LogAsync("Search answers 502", "search", "SEV1", At(15, 11), identifiedAfter: null, cause: null);
        await LogAsync("Checkout 502s after deploy", "checkout-api", "SEV1", At(10, 8), TimeSpan.FromMinutes(30), resolvedAfter: TimeSpan.FromHours(2));

        var dashboard = await LoadAsync();

        Assert.Equal(["Search answers 502", "Checkout still failing"], dashboard.Open.Select(incident => incident.Title));
        Assert.Equal(TimeSpan.FromHours(1), dashboard.Open[0].Elapsed);
        Assert.Equal(TimeSpan.FromHours(2), dashboard.Open[1].Elapsed);
        Assert.Equal(IncidentStatus.Identified, dashboard.Open[1].Status);
    }

    [Fact]
    public async Task Medians_per_cause_count_only_incidents_that_reached_the_phase()
    {
        await SeedAsync();

        var dashboard = await LoadAsync();

        var upstreamDown = Assert.Single(dashboard.ByCause, cause => cause.Cause == "upstream-down");
        Assert.Equal(UpstreamDown, upstreamDown.Title);
        Assert.Equal(4, upstreamDown.Incidents);
        Assert.Equal(new DurationStat(TimeSpan.FromMinutes(15), 4), upstreamDown.ToIdentify);
        Assert.Equal(new DurationStat(TimeSpan.FromHours(2), 3), upstreamDown.ToResolve);
        var none = Assert.Single(dashboard.ByCause, cause => cause.Cause is null);
        Assert.Equal(DashboardStats.NoCause, none.Title);
        Assert.Equal(1, none.Incidents);
        Assert.Equal(new DurationStat(null, 0), none.ToIdentify);
        Assert.Equal(new DurationStat(null, 0), none.ToResolve);
        Assert.Equal("upstream-down", dashboard.ByCause[0].Cause);
    }

    [Fact]
    public async Task Months_count_the_last_twelve_newest_first_with_their_medians()
    {
        await SeedAsync();

        var dashboard = await LoadAsync();

        Assert.Equal(12, dashboard.ByMonth.Count);
        Assert.Equal("2025-06", dashboard.ByMonth[0].Month);
        Assert.Equal("2024-07", dashboard.ByMonth[^1].Month);
        var june = dashboard.ByMonth[0];
        Assert.Equal(4, june.Incidents);
        Assert.Equal(new DurationStat(TimeSpan.FromMinutes(10), 3), june.ToIdentify);
        Assert.Equal(new DurationStat(TimeSpan.FromMinutes(90), 2), june.ToResolve);
        var may = dashboard.ByMonth[1];
        Assert.Equal(("2025-05", 1), (may.Month, may.Incidents));
        Assert.Equal(new DurationStat(TimeSpan.FromHours(3), 1), may.ToResolve);
        Assert.All(dashboard.ByMonth.Skip(2), month => Assert.Equal(0, month.Incidents));
    }

    [Fact]
    public async Task Trend_has_a_count_for_every_month_per_cause_so_the_columns_stack()
    {
        await SeedAsync();

        var trend = (await LoadAsync()).Trend;

        Assert.Equal(12, trend.Months.Count);
        Assert.Equal(("2024-07", "2025-06"), (trend.Months[0], trend.Months[^1]));
        Assert.Equal([UpstreamDown, DashboardStats.NoCause], trend.Series.Select(series => series.Title));
        Assert.All(trend.Series, series => Assert.Equal(trend.Months, series.Counts.Select(count => count.Month)));
        Assert.Equal(3, trend.Series[0].Counts[^1].Count);
        Assert.Equal(1, trend.Series[0].Counts[^2].Count);
        Assert.Equal(1, trend.Series[1].Counts[^1].Count);
        Assert.Equal(5, trend.Series.Sum(series => series.Counts.Sum(count => count.Count)));
    }

    [Fact]
    public async Task Incidents_older_than_twelve_months_count_per_cause_but_not_per_month()
    {
        await LogAsync("Old outage", "checkout-api", "SEV2", new DateTime(2024, 6, 30, 23, 0, 0, DateTimeKind.Utc), TimeSpan.FromMinutes(10));

        var dashboard = await LoadAsync();

        Assert.Equal(1, Assert.Single(dashboard.ByCause).Incidents);
        Assert.All(dashboard.ByMonth, month => Assert.Equal(0, month.Incidents));
        Assert.Empty(dashboard.Trend.Series);
    }

    [Fact]
    public async Task Top_services_rank_by_incidents_with_open_count_and_last_incident()
    {
        await SeedAsync();

        var services = (await LoadAsync()).TopServices;

        var top = services[0];
        Assert.Equal(("checkout-api", 3, 1), (top.Service, top.Incidents, top.Open));
        Assert.Equal(At(15, 10), top.LastStartedAt);
        Assert.Equal(["checkout-api", "search", "login"], services.Select(service => service.Service));
    }

    [Fact]
    public async Task Steps_that_fixed_incidents_rank_by_how_often_they_did()
    {
        var steps = await SeedAsync();

        var fixing = (await LoadAsync()).FixingSteps;

        Assert.Equal(2, fixing.Count);
        Assert.Equal((steps[0], "upstream-down", UpstreamDown, 2), (fixing[0].Text, fixing[0].Cause, fixing[0].CauseTitle, fixing[0].Count));
        Assert.Equal((steps[1], 1), (fixing[1].Text, fixing[1].Count));
    }

    [Fact]
    public async Task An_empty_tracker_gives_empty_lists()
    {
        var dashboard = await LoadAsync();

        Assert.Empty(dashboard.Open);
        Assert.Empty(dashboard.ByCause);
        Assert.Empty(dashboard.Trend.Series);
        Assert.Empty(dashboard.TopServices);
        Assert.Empty(dashboard.FixingSteps);
        Assert.All(dashboard.ByMonth, month => Assert.Equal(0, month.Incidents));
    }

    [Fact]
    public async Task Key_figures_take_the_median_of_the_incidents_that_reached_the_phase_in_each_window()
    {
        // Now is 2025-06-15 12:00: the last 30 days start 2025-05-16 12:00, the 30 before that 2025-04-16 12:00.
        await LogAsync("A", "checkout-api", "SEV2", At(10, 8), TimeSpan.FromMinutes(10), TimeSpan.FromHours(1));
        await LogAsync("B", "checkout-api", "SEV2", At(12, 8), TimeSpan.FromMinutes(40), TimeSpan.FromHours(2));
        // Identified in the earlier window, resolved in the last one: it counts where each phase was reached.
        await LogAsync("C", "search", "SEV2", new DateTime(2025, 5, 16, 6, 0, 0, DateTimeKind.Utc), TimeSpan.FromMinutes(30), TimeSpan.FromMinutes(390));
        await LogAsync("D", "search", "SEV3", new DateTime(2025, 5, 1, 8, 0, 0, DateTimeKind.Utc), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30));
        await LogAsync("E", "login", "SEV3", new DateTime(2025, 5, 10, 8, 0, 0, DateTimeKind.Utc), TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(50));
        await LogAsync("F", "login", "SEV1", At(14, 12), TimeSpan.FromMinutes(60));
        // Older than both windows.
        await LogAsync("G", "login", "SEV3", new DateTime(2025, 4, 1, 8, 0, 0, DateTimeKind.Utc), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5));

        var figures = (await LoadAsync()).Figures;

        Assert.Equal(1, figures.OpenIncidents);
        // Resolved in the last 30 days after 1 h, 2 h and 6 h 30: the middle one, not the mean (3 h 10).
        Assert.Equal(new DurationStat(TimeSpan.FromHours(2), 3), figures.ToResolve.Last);
        // Resolved in the 30 days before after 30 and 50 min: halfway between the two middle ones.
        Assert.Equal(new DurationStat(TimeSpan.FromMinutes(40), 2), figures.ToResolve.Before);
        Assert.Equal(new DurationStat(TimeSpan.FromMinutes(40), 3), figures.ToIdentify.Last);
        Assert.Equal(new DurationStat(TimeSpan.FromMinutes(15), 3), figures.ToIdentify.Before);
    }

    [Fact]
    public async Task A_window_without_incidents_has_no_median()
    {
        await LogAsync("Long ago", "checkout-api", "SEV2", new DateTime(2025, 1, 10, 8, 0, 0, DateTimeKind.Utc), TimeSpan.FromMinutes(10), TimeSpan.FromHours(1));
        await LogAsync("Still open", "search", "SEV2", At(15, 10), identifiedAfter: null, cause: null);

        var figures = (await LoadAsync()).Figures;

        Assert.Equal(1, figures.OpenIncidents);
        Assert.Equal(new PeriodMedians(new DurationStat(null, 0), new DurationStat(null, 0)), figures.ToIdentify);
        Assert.Equal(new PeriodMedians(new DurationStat(null, 0), new DurationStat(null, 0)), figures.ToResolve);
    }

    [Fact]
    public async Task Home_page_shows_the_dashboard_with_open_incidents()
    {
        const string title = "Checkout <502> & \"friends\"";
        await LogAsync(title, "checkout-api", "SEV2", Now.AddHours(-2).AddMinutes(-5), TimeSpan.FromMinutes(5));
        _clock.Now = Now;

        var response = await _host.CreateClient().GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Matches("<h1[^>]*>Incidents dashboard</h1>", html);
        Assert.Contains(HtmlEncoder.Default.Encode(title), html);
        Assert.DoesNotContain(title, html);
        Assert.Contains("open for 2 h 05 min", html);
        Assert.Contains("Incidents by cause over time", html);
    }

    [Fact]
    public async Task Home_page_without_incidents_offers_to_log_one()
    {
        _clock.Now = Now;

        var html = await _host.CreateClient().GetStringAsync("/");

        Assert.Contains("No open incidents.", html);
        Assert.Matches("<a href=\"/incidents/new\"[^>]*>Log an incident</a>", html);
    }

    /// <summary>
    /// Five incidents on upstream-down and no cause, June and May 2025; returns the first two checklist steps of upstream-down.
    /// Times to identify: 30, 10, 20, 5 min (cause) and none; to resolve: 2 h, 1 h, 3 h.
    /// </summary>
    private async Task<IReadOnlyList<string>> SeedAsync()
    {
        var steps = await LogAsync("Checkout 502s after deploy", "checkout-api", "SEV2", At(10, 8), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2), fixedBy: 0);
        await LogAsync("Checkout 502s again", "checkout-api", "SEV2", At(12, 8), TimeSpan.FromMinutes(10), TimeSpan.FromHours(1), fixedBy: 0);
        await LogAsync("Login gateway errors", "login", "SEV2", new DateTime(2025, 5, 20, 9, 0, 0, DateTimeKind.Utc), TimeSpan.FromMinutes(20), TimeSpan.FromHours(3), fixedBy: 1);
        await LogAsync("Checkout still failing", "checkout-api", "SEV2", At(15, 10), TimeSpan.FromMinutes(5));
        await LogAsync("Search answers 502", "search", "SEV2", At(15, 11), identifiedAfter: null, cause: null);
        return steps;
    }

    /// <summary>Logs an incident as it would have been at the time: identified when its cause was linked, and resolved later if asked.</summary>
    private async Task<IReadOnlyList<string>> LogAsync(
        string title, string service, string severity, DateTime startedAt, TimeSpan? identifiedAfter,
        TimeSpan? resolvedAfter = null, int? fixedBy = null, string? cause = "upstream-down")
    {
        _clock.Now = startedAt + (identifiedAfter ?? TimeSpan.Zero);
        var created = await Incidents.CreateAsync(new IncidentDraft { Title = title, Service = service, Severity = severity, StartedAt = startedAt, Cause = cause }, "lead");
        var incident = (await Incidents.FindAsync(created.Id))!;
        if (resolvedAfter is { } resolved)
        {
            _clock.Now = startedAt + resolved;
            var step = fixedBy is { } position ? incident.Checklist[position].Id : (int?)null;
            var result = await Incidents.ResolveAsync(incident.Id, "Restarted the upstream.", step, incident.Version, "lead");
            Assert.Equal(ChangeOutcome.Done, result.Outcome);
        }
        return incident.Checklist.Select(item => item.Text).ToList();
    }

    private async Task<Dashboard> LoadAsync()
    {
        _clock.Now = Now;
        return await Stats.LoadAsync(CancellationToken.None);
    }

    private static DateTime At(int day, int hour) => new(2025, 6, day, hour, 0, 0, DateTimeKind.Utc);

    private sealed class SetClock : TimeProvider
    {
        public DateTime Now { get; set; } = DashboardTests.Now;

        public override DateTimeOffset GetUtcNow() => new(Now);
    }
}
