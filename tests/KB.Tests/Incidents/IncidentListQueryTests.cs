using KB.Web.Features.Incidents;
using Microsoft.Extensions.DependencyInjection;

namespace KB.Tests.Incidents;

/// <summary>The incident list's address: what it reads, what it ignores, and the orders the grid asks the database for.</summary>
public sealed class IncidentListQueryTests : IDisposable
{
    private readonly KbApp _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public void The_address_holds_only_what_differs_from_the_default_list()
    {
        Assert.Equal("/incidents", new IncidentListQuery().Url());
        var query = IncidentListQuery.Parse("a&b", "identified", "SEV2", "checkout api", "upstream-down", "2026-01-01", "2026-01-31", "titleDescending", 3);

        Assert.Equal("/incidents?q=a%26b&status=identified&severity=SEV2&service=checkout%20api&cause=upstream-down&from=2026-01-01&to=2026-01-31&sort=TitleDescending&page=3", query.Url());
        Assert.Equal(query, IncidentListQuery.Parse("a&b", "identified", "SEV2", "checkout api", "upstream-down", "2026-01-01", "2026-01-31", "TitleDescending", 3));
    }

    [Fact]
    public void What_cannot_be_read_is_ignored_and_named()
    {
        var query = IncidentListQuery.Parse(new string('x', IncidentFilter.MaxText + 1), " ", "SEV9", null, null, "yesterday", "2026-02-30", "sideways", -4);

        var filter = query.ToFilter();

        Assert.Equal(new IncidentFilter(Sort: IncidentSort.StartedNewest, Page: 1, PageSize: IncidentListQuery.PageSize), filter);
        Assert.Equal(
            [
                "The text filter can be at most 200 characters; this one has 201. It was ignored.",
                "\"yesterday\" is not a date (From); it was ignored.",
                "\"2026-02-30\" is not a date (To); it was ignored.",
            ],
            query.Problems());
    }

    [Fact]
    public void The_to_day_is_included()
    {
        var filter = IncidentListQuery.Parse(null, null, null, null, null, "2026-01-01", "2026-01-31", null, null).ToFilter();

        Assert.Equal(new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc), filter.From);
        Assert.Equal(new DateTime(2026, 2, 1, 0, 0, 0, DateTimeKind.Utc), filter.To);
    }

    [Theory]
    [InlineData(IncidentSort.Title, "Alpha", "Bravo", "Charlie")]
    [InlineData(IncidentSort.TitleDescending, "Charlie", "Bravo", "Alpha")]
    [InlineData(IncidentSort.Severity, "Bravo", "Alpha", "Charlie")]
    [InlineData(IncidentSort.SeverityDescending, "Charlie", "Alpha", "Bravo")]
    [InlineData(IncidentSort.Service, "Charlie", "Bravo", "Alpha")]
    [InlineData(IncidentSort.ServiceDescending, "Alpha", "Bravo", "Charlie")]
    [InlineData(IncidentSort.StartedOldest, "Alpha", "Bravo", "Charlie")]
    [InlineData(IncidentSort.StartedNewest, "Charlie", "Bravo", "Alpha")]
    public async Task Each_order_of_the_grid_is_done_by_the_database(IncidentSort sort, params string[] expected)
    {
        var incidents = _app.Services.GetRequiredService<IncidentService>();
        var start = new DateTime(2026, 1, 1, 8, 0, 0, DateTimeKind.Utc);
        foreach (var (title, service, severity, hours) in new[] { ("Alpha", "c-service", "SEV2", 1), ("Bravo", "b-service", "SEV1", 2), ("Charlie", "a-service", "SEV4", 3) })
        {
            await incidents.CreateAsync(new IncidentDraft { Title = title, Service = service, Severity = severity, StartedAt = start.AddHours(hours) }, "lead");
        }

        var page = await _app.Services.GetRequiredService<IncidentSearch>().ListAsync(new IncidentFilter(Sort: sort, PageSize: 2, Page: 1));

        Assert.Equal(3, page.Total);
        Assert.Equal(expected[..2], page.Incidents.Select(incident => incident.Title));
    }
}
