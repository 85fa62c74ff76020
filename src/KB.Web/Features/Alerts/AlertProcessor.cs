namespace KB.Web.Features.Alerts;

/// <summary>
/// Turns accepted payloads into incident changes after the sender has had its answer, oldest first. Payloads left
/// when the app stopped are still in the inbox and are handled at the next start.
/// </summary>
public sealed class AlertProcessor(AlertInbox inbox, AlertIntake intake, ILogger<AlertProcessor> logger) : BackgroundService
{
    /// <summary>How often the inbox is read without a new arrival: for payloads to retry.</summary>
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan KeepHandled = TimeSpan.FromDays(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ProcessPendingAsync(stoppingToken);
                await inbox.ForgetHandledAsync(KeepHandled, stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogError(exception, "Reading the alert inbox failed; it is read again in {Seconds} s", Poll.TotalSeconds);
            }
            await inbox.WaitForArrivalAsync(Poll, stoppingToken);
        }
    }

    private async Task ProcessPendingAsync(CancellationToken cancellationToken)
    {
        // One pass through the inbox: a payload that fails waits for the next pass instead of being retried at once.
        var after = 0;
        while (await inbox.PendingAsync(after, 20, cancellationToken) is { Count: > 0 } items)
        {
            foreach (var item in items)
            {
                after = item.Id;
                try
                {
                    var incidents = await intake.ApplyAsync(item, cancellationToken);
                    await inbox.MarkProcessedAsync(item.Id, incidents, cancellationToken);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    logger.LogError(exception, "Alert payload {Id} from {Source} could not be handled (attempt {Attempt} of {Max})", item.Id, item.Source, item.Attempts + 1, AlertInbox.MaxAttempts);
                    await inbox.MarkFailedAsync(item.Id, exception.Message, cancellationToken);
                }
            }
        }
    }
}
