using System.Globalization;
using KB.Web.Data;
using KB.Web.Features.Knowledge;
using Microsoft.EntityFrameworkCore;

namespace KB.Web.Features.Incidents;

/// <summary>The numbers leads review on the dashboard: what is open now, how fast causes are found and fixed, where 502s come from.</summary>
public sealed class DashboardStats(IDbContextFactory<KbDb> dbFactory, KnowledgeBase knowledgeBase, TimeProvider clock)
{
    public const int Months = 12;
    public const int TopCount = 10;
    public const int WindowDays = 30;
    public const string NoCause = "No cause linked";

    public async Task<Dashboard> LoadAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        // Times are stored as ISO text, so the arithmetic and the grouping by month happen here, not in SQL.
        var incidents = await db.Incidents.AsNoTracking().Include(x => x.Checklist).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var months = LastMonths(now);
        var recent = incidents.Where(x => months.Contains(MonthOf(x.StartedAt))).ToList();
        return new Dashboard(
            KeyFigures(incidents, now),
            OpenIncidents(incidents, now),
            ByCause(incidents),
            ByMonth(recent, months),
            Trend(recent, months),
            TopServices(incidents),
            FixingSteps(incidents));
    }

    /// <summary>
    /// The medians of the last <see cref="WindowDays"/> days beside those of the same span before. An incident counts in the
    /// window in which it reached the phase (was identified, was resolved), whenever it started.
    /// </summary>
    private static KeyFigures KeyFigures(List<Incident> incidents, DateTime now)
    {
        var windowStart = now.AddDays(-WindowDays);
        var previousStart = windowStart.AddDays(-WindowDays);
        PeriodMedians Medians(Func<Incident, DateTime?> reached) => new(
            Within(incidents, reached, windowStart, now),
            Within(incidents, reached, previousStart, windowStart));
        return new KeyFigures(incidents.Count(x => x.IsOpen), Medians(x => x.IdentifiedAt), Medians(x => x.ResolvedAt));
    }

    /// <summary>The median time from start to <paramref name="reached"/> of the incidents that reached it after <paramref name="from"/> and by <paramref name="to"/>.</summary>
    private static DurationStat Within(List<Incident> incidents, Func<Incident, DateTime?> reached, DateTime from, DateTime to) =>
        DurationStat.Of(incidents
            .Select(x => (x.StartedAt, Reached: reached(x)))
            .Where(x => x.Reached > from && x.Reached <= to)
            .Select(x => x.Reached!.Value - x.StartedAt));

    private static List<OpenIncident> OpenIncidents(List<Incident> incidents, DateTime now) =>
        incidents.Where(x => x.IsOpen)
            .OrderBy(x => x.Severity).ThenBy(x => x.StartedAt)
            .Select(x => new OpenIncident(x.Id, x.Title, x.Service, x.Severity, x.Status, x.StartedAt, now - x.StartedAt))
            .ToList();

    private List<CauseTimes> ByCause(List<Incident> incidents) =>
        incidents.GroupBy(x => x.Cause)
            .Select(group => new CauseTimes(group.Key, CauseTitle(group.Key), group.Count(), ToIdentify(group), ToResolve(group)))
            .OrderByDescending(x => x.Incidents).ThenBy(x => x.Title, StringComparer.OrdinalIgnoreCase)
            .ToList();

    /// <summary>Every one of the last months, newest first, months without incidents included.</summary>
    private static List<MonthTimes> ByMonth(List<Incident> recent, IReadOnlyList<string> months) =>
        months.Reverse()
            .Select(month =>
            {
                var inMonth = recent.Where(x => MonthOf(x.StartedAt) == month).ToList();
                return new MonthTimes(month, inMonth.Count, ToIdentify(inMonth), ToResolve(inMonth));
            })
            .ToList();

    /// <summary>Incidents per cause and month, oldest month first, each cause with a count for every month so that the columns stack.</summary>
    private CauseTrend Trend(List<Incident> recent, IReadOnlyList<string> months)
    {
        var series = recent.GroupBy(x => x.Cause)
            .OrderByDescending(group => group.Count()).ThenBy(group => CauseTitle(group.Key), StringComparer.OrdinalIgnoreCase)
            .Select(group => new CauseSeries(group.Key, CauseTitle(group.Key),
                months.Select(month => new MonthCount(month, group.Count(x => MonthOf(x.StartedAt) == month))).ToList()))
            .ToList();
        return new CauseTrend(months, series);
    }

    private static List<ServiceSummary> TopServices(List<Incident> incidents) =>
        incidents.GroupBy(x => x.Service, StringComparer.OrdinalIgnoreCase)
            .Select(group =>
            {
                var last = group.MaxBy(x => x.StartedAt)!;
                return new ServiceSummary(last.Service, group.Count(), group.Count(x => x.IsOpen), last.Id, last.StartedAt);
            })
            .OrderByDescending(x => x.Incidents).ThenByDescending(x => x.LastStartedAt)
            .Take(TopCount)
            .ToList();

    private List<FixingStep> FixingSteps(List<Incident> incidents) =>
        incidents.Where(x => x.Status == IncidentStatus.Resolved)
            .Select(x => (x.Cause, Step: x.Checklist.FirstOrDefault(item => item.Id == x.FixedByStep)))
            .Where(x => x.Step is not null)
            .GroupBy(x => (x.Step!.Text, x.Cause))
            .Select(group => new FixingStep(group.Key.Text, group.Key.Cause, CauseTitle(group.Key.Cause), group.Count()))
            .OrderByDescending(x => x.Count).ThenBy(x => x.Text, StringComparer.OrdinalIgnoreCase)
            .Take(TopCount)
            .ToList();

    private string CauseTitle(string? slug) => slug is null ? NoCause : knowledgeBase.Current.Find(slug)?.Title ?? slug;

    private static DurationStat ToIdentify(IEnumerable<Incident> incidents) =>
        DurationStat.Of(incidents.Select(x => x.IdentifiedAt - x.StartedAt).OfType<TimeSpan>());

    private static DurationStat ToResolve(IEnumerable<Incident> incidents) =>
        DurationStat.Of(incidents.Select(x => x.ResolvedAt - x.StartedAt).OfType<TimeSpan>());

    /// <summary>The keys of the current month and the ones before it, oldest first.</summary>
    private static List<string> LastMonths(DateTime now)
    {
        var current = new DateTime(now.Year, now.Month, 1, 0, 0, 0, DateTimeKind.Utc);
        return Enumerable.Range(0, Months).Select(back => MonthOf(current.AddMonths(back - Months + 1))).ToList();
    }

    private static string MonthOf(DateTime time) => time.ToString("yyyy-MM", CultureInfo.InvariantCulture);
}

public sealed record Dashboard(
    KeyFigures Figures,
    IReadOnlyList<OpenIncident> Open,
    IReadOnlyList<CauseTimes> ByCause,
    IReadOnlyList<MonthTimes> ByMonth,
    CauseTrend Trend,
    IReadOnlyList<ServiceSummary> TopServices,
    IReadOnlyList<FixingStep> FixingSteps);

/// <summary>The cards at the top of the dashboard.</summary>
public sealed record KeyFigures(int OpenIncidents, PeriodMedians ToIdentify, PeriodMedians ToResolve);

/// <summary>A median over the last <see cref="DashboardStats.WindowDays"/> days and over the same span before.</summary>
public sealed record PeriodMedians(DurationStat Last, DurationStat Before);

public sealed record OpenIncident(int Id, string Title, string Service, Severity Severity, IncidentStatus Status, DateTime StartedAt, TimeSpan Elapsed);

/// <summary>The median of some durations and how many there were; no median when there were none.</summary>
public sealed record DurationStat(TimeSpan? Median, int Count)
{
    public static DurationStat Of(IEnumerable<TimeSpan> durations)
    {
        var sorted = durations.Order().ToList();
        if (sorted.Count == 0)
        {
            return new DurationStat(null, 0);
        }
        var middle = sorted.Count / 2;
        var median = sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
        return new DurationStat(median, sorted.Count);
    }
}

/// <summary>One cause (null: none linked) over all incidents.</summary>
public sealed record CauseTimes(string? Cause, string Title, int Incidents, DurationStat ToIdentify, DurationStat ToResolve);

/// <summary>The incidents that started in one month (yyyy-MM, UTC).</summary>
public sealed record MonthTimes(string Month, int Incidents, DurationStat ToIdentify, DurationStat ToResolve);

public sealed record CauseTrend(IReadOnlyList<string> Months, IReadOnlyList<CauseSeries> Series);

public sealed record CauseSeries(string? Cause, string Title, IReadOnlyList<MonthCount> Counts);

public sealed record MonthCount(string Month, int Count);

public sealed record ServiceSummary(string Service, int Incidents, int Open, int LastIncidentId, DateTime LastStartedAt);

/// <summary>A checklist step that was named as the fix of resolved incidents, with the cause whose checklist it belongs to.</summary>
public sealed record FixingStep(string Text, string? Cause, string CauseTitle, int Count);
