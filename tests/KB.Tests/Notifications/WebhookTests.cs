using System.Text.Json.Nodes;
using KB.Web.Data;
using KB.Web.Features.Incidents;
using KB.Web.Features.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KB.Tests.Notifications;

/// <summary>Incident events posted to a local receiver in each chat's format, with retries and the delivery log.</summary>
public sealed class WebhookTests : IAsyncLifetime
{
    private const string PublicUrl = "https://desk.example.test";

    private ChatReceiver _receiver = null!;
    private KbApp _app = null!;

    public async Task InitializeAsync()
    {
        _receiver = await ChatReceiver.StartAsync();
        string[] paths = ["/slack", "/teams", "/mattermost", "/generic", "/flaky", "/down"];
        string[] formats = ["slack", "teams", "mattermost", "generic", "generic", "generic"];
        var settings = new Dictionary<string, string?>
        {
            ["KB:PublicUrl"] = PublicUrl + "/",
            ["KB:Notifications:RetryDelay"] = "00:00:00.050",
            ["KB:Notifications:MaxRetries"] = "2",
        };
        for (var i = 0; i < paths.Length; i++)
        {
            settings[$"KB:Notifications:Webhooks:{i}:Url"] = _receiver.Url(paths[i]);
            settings[$"KB:Notifications:Webhooks:{i}:Format"] = formats[i];
        }
        _app = new KbApp(settings: settings);
        _ = _app.Server;
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _receiver.DisposeAsync();
    }

    private IncidentService Incidents => _app.Services.GetRequiredService<IncidentService>();

    private async Task<Incident> CreateAsync() =>
        await Incidents.CreateAsync(new IncidentDraft { Title = "502s on <checkout>", Service = "checkout-api", Severity = "SEV1" }, "Alice");

    /// <summary>Waits until the delivery log has <paramref name="count"/> rows (each written once a delivery is over), and returns them.</summary>
    private async Task<List<WebhookDelivery>> DeliveriesAsync(int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            await using var scope = _app.Services.CreateAsyncScope();
            var rows = await scope.ServiceProvider.GetRequiredService<KbDb>().WebhookDeliveries.AsNoTracking().OrderBy(x => x.Id).ToListAsync();
            if (rows.Count >= count || DateTime.UtcNow > deadline)
            {
                return rows;
            }
            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task An_opened_incident_reaches_every_chat_in_its_own_format_with_a_link_back()
    {
        var incident = await CreateAsync();
        var link = $"{PublicUrl}/incidents/{incident.Id}";

        await DeliveriesAsync(6);

        var slack = Assert.Single(_receiver.To("/slack"));
        Assert.Contains(link, slack["text"]!.GetValue<string>(), StringComparison.Ordinal);
        var section = slack["blocks"]!.AsArray().Single(block => block!["type"]!.GetValue<string>() == "section")!;
        Assert.Contains($"<{link}|#{incident.Id} 502s on &lt;checkout&gt;>", section["text"]!["text"]!.GetValue<string>(), StringComparison.Ordinal);

        var teams = Assert.Single(_receiver.To("/teams"));
        var attachment = teams["attachments"]![0]!;
        Assert.Equal("application/vnd.microsoft.card.adaptive", attachment["contentType"]!.GetValue<string>());
        Assert.Equal("AdaptiveCard", attachment["content"]!["type"]!.GetValue<string>());
        Assert.Equal(link, attachment["content"]!["actions"]![0]!["url"]!.GetValue<string>());

        var mattermost = Assert.Single(_receiver.To("/mattermost"));
        Assert.Contains("Incident opened", mattermost["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(link, mattermost["attachments"]![0]!["title_link"]!.GetValue<string>());

        var generic = Assert.Single(_receiver.To("/generic"));
        Assert.Equal("incident.opened", generic["event"]!.GetValue<string>());
        Assert.Equal(incident.Id, generic["incident"]!["id"]!.GetValue<int>());
        Assert.Equal("SEV1", generic["incident"]!["severity"]!.GetValue<string>());
        Assert.Equal(link, generic["incident"]!["url"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_503_is_retried_and_the_log_shows_the_attempts_and_a_chat_that_stays_down_its_error()
    {
        var incident = await CreateAsync();

        var rows = await DeliveriesAsync(6);

        var flaky = rows.Single(x => x.Target.StartsWith("#5 ", StringComparison.Ordinal));
        Assert.Equal((200, 2, true, "incident.opened", incident.Id), (flaky.StatusCode!.Value, flaky.Attempts, flaky.Delivered, flaky.Event, flaky.IncidentId!.Value));
        Assert.Equal(2, _receiver.To("/flaky").Length);
        var down = rows.Single(x => x.Target.StartsWith("#6 ", StringComparison.Ordinal));
        Assert.Equal((500, 3, false), (down.StatusCode!.Value, down.Attempts, down.Delivered));
        Assert.StartsWith("500", down.Error, StringComparison.Ordinal);
        Assert.Equal("#1 slack 127.0.0.1", rows.Single(x => x.Target.StartsWith("#1 ", StringComparison.Ordinal)).Target);
    }

    [Fact]
    public async Task Cause_status_and_resolution_are_announced_after_they_are_saved()
    {
        var incident = await CreateAsync();
        await Incidents.LinkCauseAsync(incident.Id, "upstream-down", keepProgress: false, expectedVersion: 1, "Alice");
        await Incidents.ChangeStatusAsync(incident.Id, IncidentStatus.Mitigated, 2, "Bob");
        await Incidents.ResolveAsync(incident.Id, "Restarted the upstream", null, 3, "Bob");
        await Incidents.AddNoteAsync(incident.Id, "Notes stay off the chat", "Bob");

        await DeliveriesAsync(24);

        Assert.Equal(["incident.opened", "incident.cause", "incident.status", "incident.resolved"],
            _receiver.To("/generic").Select(body => body["event"]!.GetValue<string>()));
        var resolved = _receiver.To("/generic").Last();
        Assert.Equal("resolved", resolved["incident"]!["status"]!.GetValue<string>());
        Assert.Contains("Restarted the upstream", resolved["text"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_test_message_is_delivered_and_logged()
    {
        var client = _app.Services.GetRequiredService<WebhookClient>();

        var delivery = await client.DeliverAsync(2, IncidentEvent.TestBy("Admin", DateTime.UtcNow));

        Assert.True(delivery.Delivered);
        Assert.Equal(IncidentEvent.Test, delivery.Event);
        var teams = Assert.Single(_receiver.To("/teams"));
        Assert.Contains("Test message", teams.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains(await DeliveriesAsync(1), row => row.Event == IncidentEvent.Test && row.Attempts == 1);
    }

    [Fact]
    public async Task The_delivery_log_is_filtered_by_webhook_event_and_failure()
    {
        var client = _app.Services.GetRequiredService<WebhookClient>();
        var log = _app.Services.GetRequiredService<DeliveryLog>();
        var settings = _app.Services.GetRequiredService<NotificationSettings>();
        await client.DeliverAsync(1, IncidentEvent.TestBy("Admin", DateTime.UtcNow));
        await client.DeliverAsync(6, IncidentEvent.TestBy("Admin", DateTime.UtcNow));
        await CreateAsync();
        await DeliveriesAsync(2 + 6);

        var slack = await log.PageAsync(new DeliveryFilter(Target: settings.Webhooks[0].Label(1)), 0, 25);
        var tests = await log.PageAsync(new DeliveryFilter(Event: IncidentEvent.Test), 0, 25);
        var failed = await log.PageAsync(new DeliveryFilter(FailedOnly: true), 0, 25);
        var failedTests = await log.PageAsync(new DeliveryFilter(Event: IncidentEvent.Test, FailedOnly: true), 0, 25);

        Assert.Equal(2, slack.Total);
        Assert.All(slack.Rows, row => Assert.Equal(settings.Webhooks[0].Label(1), row.Target));
        Assert.Equal(2, tests.Total);
        Assert.Equal(2, failed.Total);
        Assert.All(failed.Rows, row => Assert.False(row.Delivered));
        Assert.Equal(settings.Webhooks[5].Label(6), Assert.Single(failedTests.Rows).Target);
    }
}
