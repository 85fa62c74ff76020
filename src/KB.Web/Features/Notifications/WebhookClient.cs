using System.Net;
using System.Text;
using KB.Web.Data;
using Microsoft.EntityFrameworkCore;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace KB.Web.Features.Notifications;

/// <summary>
/// Posts one event to one webhook, retrying with exponential backoff on a 5xx, 408, 429, a time-out or a connection
/// failure (Polly), and writes how it went to the delivery log.
/// </summary>
public sealed class WebhookClient(IHttpClientFactory httpClients, IDbContextFactory<KbDb> dbFactory, NotificationSettings settings, TimeProvider clock, ILogger<WebhookClient> logger)
{
    public const string HttpClientName = "webhooks";

    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = clock }
        .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
        {
            ShouldHandle = new PredicateBuilder<HttpResponseMessage>()
                .Handle<HttpRequestException>()
                .Handle<TimeoutRejectedException>()
                .HandleResult(response => (int)response.StatusCode >= 500 || response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests),
            MaxRetryAttempts = Math.Max(settings.MaxRetries, 0),
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = settings.RetryDelay,
        })
        .AddTimeout(settings.Timeout)
        .Build();

    /// <summary>Delivers <paramref name="incidentEvent"/> to the webhook numbered <paramref name="number"/> (from 1) and returns its log row.</summary>
    public async Task<WebhookDelivery> DeliverAsync(int number, IncidentEvent incidentEvent, CancellationToken cancellationToken = default)
    {
        var target = settings.Webhooks[number - 1];
        var body = WebhookPayloads.For(target.Format, incidentEvent, incidentEvent.Kind == IncidentEvent.Test ? settings.PublicUrl : settings.IncidentUrl(incidentEvent.IncidentId)).ToJsonString();
        var delivery = new WebhookDelivery
        {
            At = clock.GetUtcNow().UtcDateTime,
            Target = target.Label(number),
            Event = incidentEvent.Kind,
            IncidentId = incidentEvent.Kind == IncidentEvent.Test ? null : incidentEvent.IncidentId,
        };
        var client = httpClients.CreateClient(HttpClientName);
        try
        {
            using var response = await _pipeline.ExecuteAsync(async token =>
            {
                delivery.Attempts++;
                using var content = new StringContent(body, Encoding.UTF8, "application/json");
                return await client.PostAsync(target.Url, content, token);
            }, cancellationToken);
            delivery.StatusCode = (int)response.StatusCode;
            delivery.Delivered = response.IsSuccessStatusCode;
            delivery.Error = response.IsSuccessStatusCode ? null : Cut($"{(int)response.StatusCode} {response.ReasonPhrase}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }
        catch (Exception exception) when (exception is HttpRequestException or TimeoutRejectedException or InvalidOperationException or UriFormatException)
        {
            delivery.Error = Cut(exception is TimeoutRejectedException ? $"No answer within {settings.Timeout.TotalSeconds:0.#} s" : exception.Message);
        }
        if (!delivery.Delivered)
        {
            logger.LogWarning("Webhook {Target} did not take {Event} of incident {Id} after {Attempts} attempts: {Error}", delivery.Target, delivery.Event, delivery.IncidentId, delivery.Attempts, delivery.Error);
        }
        await using var db = await dbFactory.CreateDbContextAsync(CancellationToken.None);
        db.WebhookDeliveries.Add(delivery);
        await db.SaveChangesAsync(CancellationToken.None);
        return delivery;
    }

    private static string Cut(string text) => text.Length <= WebhookDelivery.MaxError ? text : text[..(WebhookDelivery.MaxError - 1)] + "…";
}
