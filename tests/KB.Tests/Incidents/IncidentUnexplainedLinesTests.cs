using System.Net;
using System.Net.Http.Json;
using KB.Web.Data;
using KB.Web.Features.Incidents;
using KB.Web.Features.Triage.Unexplained;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KB.Tests.Incidents;

/// <summary>An incident's error log that triage could not read is kept for editors, masked, as a paste on /triage is.</summary>
public sealed class IncidentUnexplainedLinesTests : IDisposable
{
    private const string Unknown = "2026-12-02T11:58:29Z frobnicator[4242]: widget pipeline error W-17 on 10.0.4.17:7000, giving up";
    private const string Masked = "<time> frobnicator[<n>]: widget pipeline error W-17 on <ip>:<port>, giving up";
    private const string Refused = "connect() failed (111: Connection refused) while connecting to upstream, upstream: \"http://10.0.3.12:8080/cart\"";

    private readonly KbApp _app = new();

    public void Dispose() => _app.Dispose();

    private IncidentService Incidents => _app.Services.GetRequiredService<IncidentService>();

    private Task<Incident> CreateAsync(string errorLog) =>
        Incidents.CreateAsync(new IncidentDraft { Title = "502s on checkout", Service = "checkout-api", ErrorLog = errorLog }, "Alice");

    private async Task<List<UnexplainedLine>> StoredAsync()
    {
        await using var db = await _app.Services.GetRequiredService<IDbContextFactory<KbDb>>().CreateDbContextAsync();
        return await db.UnexplainedLines.OrderBy(line => line.Id).ToListAsync();
    }

    [Fact]
    public async Task Logging_an_incident_whose_log_no_signature_explains_keeps_its_lines_masked_once()
    {
        await CreateAsync(Unknown);

        var line = Assert.Single(await StoredAsync());
        Assert.Equal((Masked, 1), (line.Masked, line.Count));

        await CreateAsync(Unknown.Replace("10.0.4.17", "10.0.9.2"));

        Assert.Equal(2, Assert.Single(await StoredAsync()).Count);
    }

    [Fact]
    public async Task A_log_triage_explains_keeps_no_line()
    {
        await CreateAsync(Refused + "\n" + Unknown);

        Assert.Empty(await StoredAsync());
    }

    [Fact]
    public async Task An_incident_posted_to_the_api_keeps_its_unexplained_lines_too()
    {
        var response = await _app.CreateClient().PostAsJsonAsync("/api/incidents", new { title = "502 on search", service = "search", errorLog = Unknown });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var line = Assert.Single(await StoredAsync());
        Assert.Equal((Masked, 1), (line.Masked, line.Count));
        Assert.DoesNotContain("10.0.4.17", line.Masked, StringComparison.Ordinal);
    }
}
