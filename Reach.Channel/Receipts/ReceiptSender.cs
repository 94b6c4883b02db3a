using System.Diagnostics;
using System.Net.Http.Headers;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;
using Polly.Timeout;
using Reach.Channel.Simulation;
using Reach.Channel.Telemetry;
using Reach.ServiceDefaults.Webhooks;

namespace Reach.Channel.Receipts;

/// <summary>
/// Sends receipt batches: <c>POST {callback_url}</c>, signed the Standard Webhooks way, at most
/// <see cref="ReceiptOptions.MaxConcurrentSends"/> at once. A slot is held only for the HTTP call: a batch to retry goes
/// back onto the simulator's timer queue (<see cref="MessageSimulator.ScheduleRetry"/>), never waits in a slot.
/// </summary>
/// <remarks>
/// Retries (ARCHITECTURE §7): network errors, timeouts, 5xx, 408 and 429 are retried after
/// <see cref="ReceiptRetryPolicy.NextDelay"/> (full-jitter exponential backoff from
/// <see cref="ReceiptOptions.RetryBaseDelayMs"/> × time scale, capped at <see cref="ReceiptOptions.RetryMaxDelayMs"/> ×
/// time scale, or the longer <c>Retry-After</c>) until the batch is older than <see cref="ReceiptOptions.MaxAgeSeconds"/>;
/// any other non-2xx answer drops the batch at once. Both drops are logged. The named HttpClient <see cref="HttpClientName"/>
/// keeps the shared resilience pipeline for its attempt timeout but with its retries turned off.
/// </remarks>
public sealed class ReceiptSender
{
    /// <summary>Name of the HttpClient used for receipt batches.</summary>
    public const string HttpClientName = "receipts";

    private readonly IHttpClientFactory httpClientFactory;
    private readonly StandardWebhook webhook;
    private readonly MessageSimulator simulator;
    private readonly TimeProvider time;
    private readonly ChannelTelemetry telemetry;
    private readonly ILogger<ReceiptSender> logger;
    private readonly CancellationToken stopping;
    private readonly SemaphoreSlim slots;
    private readonly ReceiptOptions receipts;
    private readonly FaultOptions faults;
    private readonly TimeSpan baseDelay, maxDelay, maxAge;

    /// <summary>Creates the sender.</summary>
    public ReceiptSender(
        IHttpClientFactory httpClientFactory,
        StandardWebhook webhook,
        MessageSimulator simulator,
        IOptions<ChannelOptions> options,
        TimeProvider time,
        ChannelTelemetry telemetry,
        IHostApplicationLifetime lifetime,
        ILogger<ReceiptSender> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(lifetime);
        this.httpClientFactory = httpClientFactory;
        this.webhook = webhook;
        this.simulator = simulator;
        this.time = time;
        this.telemetry = telemetry;
        this.logger = logger;
        stopping = lifetime.ApplicationStopping;
        var o = options.Value;
        receipts = o.Receipts;
        faults = o.Faults;
        slots = new SemaphoreSlim(receipts.MaxConcurrentSends, receipts.MaxConcurrentSends);
        baseDelay = TimeSpan.FromMilliseconds(receipts.RetryBaseDelayMs * o.TimeScale);
        maxDelay = TimeSpan.FromMilliseconds(receipts.RetryMaxDelayMs * o.TimeScale);
        maxAge = TimeSpan.FromSeconds(receipts.MaxAgeSeconds);
    }

    /// <summary>Starts sending a batch (first attempt or a retry) in the background; returns at once.</summary>
    public void Dispatch(ReceiptBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        _ = Task.Run(() => SendAsync(batch), CancellationToken.None);
    }

    private async Task SendAsync(ReceiptBatch batch)
    {
        try
        {
            await slots.WaitAsync(stopping).ConfigureAwait(false);
            Attempt attempt;
            try
            {
                attempt = await AttemptAsync(batch, stopping).ConfigureAwait(false);
            }
            finally
            {
                slots.Release();
            }

            Handle(batch, attempt);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Shutting down: the simulation is in memory and ends with the process.
        }
        catch (Exception e)
        {
            logger.LogError(e, "Receipt batch {WebhookId} to {CallbackUrl} failed unexpectedly; dropping {Count} receipts", batch.Id, batch.CallbackUrl, batch.Receipts.Count);
            simulator.Settle(batch, delivered: false);
            telemetry.ReceiptBatchesFailed.Add(1, new KeyValuePair<string, object?>("reason", "error"));
        }
    }

    private async Task<Attempt> AttemptAsync(ReceiptBatch batch, CancellationToken cancellationToken)
    {
        var number = batch.StartAttempt();

        // Each receipt batch is its own trace, linked to the send batches that caused it (ARCHITECTURE §11).
        Activity.Current = null;
        using var activity = telemetry.ActivitySource.StartActivity("send receipts", ActivityKind.Producer, default(ActivityContext), links: batch.Links);
        activity?.SetTag("reach.webhook_id", batch.Id);
        activity?.SetTag("reach.receipts", batch.Receipts.Count);
        activity?.SetTag("reach.attempt", number);
        activity?.SetTag("url.full", batch.CallbackUrl.ToString());

        var started = time.GetTimestamp();
        var outcome = "error";
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, batch.CallbackUrl) { Content = new ByteArrayContent(batch.Body) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
            await webhook.SignAsync(request, batch.Id, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);

            using var client = httpClientFactory.CreateClient(HttpClientName);
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            activity?.SetTag("http.response.status_code", status);
            outcome = status.ToString(System.Globalization.CultureInfo.InvariantCulture);

            if (response.IsSuccessStatusCode)
            {
                return new Attempt(AttemptResult.Acknowledged, status, null, null);
            }

            activity?.SetStatus(ActivityStatusCode.Error, $"HTTP {status}");
            var detail = await ReadSnippetAsync(response, cancellationToken).ConfigureAwait(false);
            return ReceiptRetryPolicy.IsRetryable(response.StatusCode)
                ? new Attempt(AttemptResult.Transient, status, ReceiptRetryPolicy.RetryAfter(response, time.GetUtcNow()), detail)
                : new Attempt(AttemptResult.Rejected, status, null, detail);
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutRejectedException or BrokenCircuitException
            || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            outcome = e is HttpRequestException ? "network_error" : "timeout";
            activity?.SetStatus(ActivityStatusCode.Error, e.Message);
            return new Attempt(AttemptResult.Transient, null, null, e.Message);
        }
        finally
        {
            telemetry.ReceiptBatchDuration.Record(time.GetElapsedTime(started).TotalMilliseconds, new KeyValuePair<string, object?>("outcome", outcome));
        }
    }

    private void Handle(ReceiptBatch batch, Attempt attempt)
    {
        switch (attempt.Result)
        {
            case AttemptResult.Acknowledged when faults.TransientFailureRate > 0 && Random.Shared.NextDouble() < faults.TransientFailureRate:
                // Injected fault: the CRM applied the batch but the answer is "lost"; it will see the same batch again.
                RetryOrDrop(batch, attempt with { Detail = "acknowledgement lost (injected fault)" }, "lost_ack");
                break;
            case AttemptResult.Acknowledged:
                simulator.Settle(batch, delivered: true);
                telemetry.ReceiptBatchesSent.Add(1);
                logger.LogDebug("Receipt batch {WebhookId}: {Count} receipts acknowledged by {CallbackUrl} (attempt {Attempt})", batch.Id, batch.Receipts.Count, batch.CallbackUrl, batch.Attempts);
                break;
            case AttemptResult.Transient:
                RetryOrDrop(batch, attempt, attempt.Status is { } s ? s.ToString(System.Globalization.CultureInfo.InvariantCulture) : "network_error");
                break;
            default:
                logger.LogWarning(
                    "Receipt batch {WebhookId} to {CallbackUrl} was rejected with {StatusCode} on attempt {Attempt}; not retrying, {Count} receipts dropped: {Detail}",
                    batch.Id, batch.CallbackUrl, attempt.Status, batch.Attempts, batch.Receipts.Count, attempt.Detail);
                simulator.Settle(batch, delivered: false);
                telemetry.ReceiptBatchesFailed.Add(1, new KeyValuePair<string, object?>("reason", "rejected"));
                break;
        }
    }

    private void RetryOrDrop(ReceiptBatch batch, Attempt attempt, string reason)
    {
        var delay = ReceiptRetryPolicy.NextDelay(batch.Attempts, baseDelay, maxDelay, attempt.RetryAfter, Random.Shared.NextDouble());
        if (delay < TimeSpan.FromMilliseconds(1))
        {
            delay = TimeSpan.FromMilliseconds(1);
        }

        var age = time.GetElapsedTime(batch.CreatedAt);
        if (age + delay > maxAge)
        {
            logger.LogWarning(
                "Receipt batch {WebhookId} to {CallbackUrl} is still failing after {Attempts} attempts and {AgeSeconds:F1} s (maximum age {MaxAgeSeconds} s); {Count} receipts dropped. Last: {Status} {Detail}",
                batch.Id, batch.CallbackUrl, batch.Attempts, age.TotalSeconds, maxAge.TotalSeconds, batch.Receipts.Count, attempt.Status, attempt.Detail);
            simulator.Settle(batch, delivered: false);
            telemetry.ReceiptBatchesFailed.Add(1, new KeyValuePair<string, object?>("reason", "max_age"));
            return;
        }

        logger.LogInformation(
            "Receipt batch {WebhookId} to {CallbackUrl}: attempt {Attempt} failed ({Status} {Detail}); retrying in {DelayMs:F0} ms",
            batch.Id, batch.CallbackUrl, batch.Attempts, attempt.Status, attempt.Detail, delay.TotalMilliseconds);
        telemetry.ReceiptBatchesRetried.Add(1, new KeyValuePair<string, object?>("reason", reason));
        simulator.ScheduleRetry(batch, delay);
    }

    private static async Task<string?> ReadSnippetAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            return text.Length > 500 ? text[..500] + "…" : text;
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    private enum AttemptResult
    {
        Acknowledged,
        Transient,
        Rejected,
    }

    private readonly record struct Attempt(AttemptResult Result, int? Status, TimeSpan? RetryAfter, string? Detail);
}
