namespace Reach.Channel.Receipts;

/// <summary>How receipt batches are formed and sent, section <c>Reach:Channel:Receipts</c>.</summary>
public sealed class ReceiptOptions
{
    /// <summary>Most events in one receipt batch (default 500).</summary>
    public int MaxBatchSize { get; set; } = 500;

    /// <summary>
    /// Longest an event waits for its batch to fill, in ms before the time scale (default 100 ms; with
    /// <c>TimeScale</c> 0.001 a batch leaves at the next tick).
    /// </summary>
    public double FlushIntervalMs { get; set; } = 100;

    /// <summary>Receipt batches in flight at once (default 4). A slot is held only for the HTTP call, never while waiting to retry.</summary>
    public int MaxConcurrentSends { get; set; } = 4;

    /// <summary>Base delay of the exponential backoff with full jitter, in ms before the time scale (default 200 ms).</summary>
    public double RetryBaseDelayMs { get; set; } = 200;

    /// <summary>Cap of one backoff delay, in ms before the time scale (default 10,000 ms). A longer <c>Retry-After</c> is honoured.</summary>
    public double RetryMaxDelayMs { get; set; } = 10_000;

    /// <summary>Age after which a batch still failing is dropped and logged, in real seconds (not scaled; default 600 s).</summary>
    public double MaxAgeSeconds { get; set; } = 600;

    /// <summary>Timeout of one HTTP attempt, in real seconds (default 10 s).</summary>
    public double AttemptTimeoutSeconds { get; set; } = 10;
}
