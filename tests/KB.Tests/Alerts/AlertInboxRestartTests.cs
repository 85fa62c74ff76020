using KB.Web.Features.Alerts;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using static KB.Tests.Alerts.AlertPayloads;

namespace KB.Tests.Alerts;

[Trait("Category", TestDatabase.Category)]
public sealed class AlertInboxRestartTests : IDisposable
{
    private readonly TestDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task An_alert_accepted_just_before_the_app_stopped_opens_its_incident_at_the_next_start()
    {
        string inboxItem;
        using (var stopped = new KbApp(database: _database))
        {
            // The app stops between the answer and the processing: its processor never runs.
            using var app = stopped.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
                services.Remove(services.Single(service => service.ServiceType == typeof(IHostedService) && service.ImplementationType == typeof(AlertProcessor)))));
            var client = app.CreateClient();
            inboxItem = await client.PostAcceptedAsync("/api/alerts/alertmanager", Payload("firing", "{}:{alertname=\"CheckoutErrors\"}", Alert()));
            Assert.Contains("\"status\":\"pending\"", await client.GetStringAsync(inboxItem));
            Assert.Equal(0, await client.IncidentCountAsync());
        }

        using var restarted = new KbApp(database: _database);
        var after = restarted.CreateClient();

        var incidents = await after.HandledAsync(inboxItem);
        var incident = await after.IncidentAsync(Assert.Single(incidents));
        Assert.Equal("502s on checkout above 5%", incident.GetProperty("title").GetString());
        Assert.Equal(1, await after.IncidentCountAsync());
    }
}
