namespace Reach.Channel.Receipts;

/// <summary>
/// Collects emitted receipts per callback URL until a batch is full (<see cref="ReceiptOptions.MaxBatchSize"/>) or its
/// oldest receipt has waited the flush interval. Used by the simulation loop's thread only (not thread-safe).
/// </summary>
/// <param name="maxBatchSize">Most receipts per batch.</param>
/// <param name="flushIntervalTicks">Longest wait of a receipt, in <see cref="TimeProvider"/> timestamp ticks (already time-scaled).</param>
public sealed class ReceiptOutbox(int maxBatchSize, long flushIntervalTicks)
{
    private readonly Dictionary<string, Pending> pending = new(StringComparer.Ordinal);

    /// <summary>When the oldest waiting receipt must leave (a timestamp), or null when none waits.</summary>
    public long? NextFlushAt { get; private set; }

    /// <summary>Adds a receipt; a batch that becomes full is appended to <paramref name="ready"/>.</summary>
    public void Add(Receipt receipt, long now, List<ReceiptChunk> ready)
    {
        var url = receipt.Origin.CallbackUrl;
        var key = url.AbsoluteUri;
        if (!pending.TryGetValue(key, out var entry))
        {
            entry = new Pending(url);
            pending.Add(key, entry);
        }

        if (entry.Receipts.Count == 0)
        {
            entry.Since = now;
            NextFlushAt = NextFlushAt is { } at ? Math.Min(at, now + flushIntervalTicks) : now + flushIntervalTicks;
        }

        entry.Receipts.Add(receipt);
        if (entry.Receipts.Count >= maxBatchSize)
        {
            ready.Add(new ReceiptChunk(entry.CallbackUrl, entry.Receipts));
            entry.Receipts = new List<Receipt>(Math.Min(maxBatchSize, 64));
        }
    }

    /// <summary>Appends to <paramref name="ready"/> every partial batch whose oldest receipt has waited the flush interval.</summary>
    public void TakeDue(long now, List<ReceiptChunk> ready)
    {
        long? next = null;
        foreach (var entry in pending.Values)
        {
            if (entry.Receipts.Count == 0)
            {
                continue;
            }

            var due = entry.Since + flushIntervalTicks;
            if (due <= now)
            {
                ready.Add(new ReceiptChunk(entry.CallbackUrl, entry.Receipts));
                entry.Receipts = new List<Receipt>(Math.Min(maxBatchSize, 64));
            }
            else
            {
                next = next is { } n ? Math.Min(n, due) : due;
            }
        }

        NextFlushAt = next;
    }

    private sealed class Pending(Uri callbackUrl)
    {
        public Uri CallbackUrl { get; } = callbackUrl;

        public List<Receipt> Receipts { get; set; } = [];

        public long Since { get; set; }
    }
}
