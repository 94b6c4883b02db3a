using Reach.Channel.Receipts;
using Reach.Channel.Simulation;

namespace Reach.Channel;

/// <summary>The channel simulator's settings, section <c>Reach:Channel</c> (environment: <c>Reach__Channel__…</c>).</summary>
public sealed class ChannelOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Reach:Channel";

    /// <summary>The secret used in Development when <see cref="SigningSecret"/> is not set (a warning is logged).</summary>
    public const string DevelopmentSigningSecret = "reach-dev-signing-secret";

    /// <summary>
    /// The Standard Webhooks secret shared with the CRM (key <c>Reach:Channel:SigningSecret</c>, required; in
    /// Development it defaults to <see cref="DevelopmentSigningSecret"/>). <c>whsec_&lt;base64&gt;</c> or plain text.
    /// </summary>
    public string? SigningSecret { get; set; }

    /// <summary>
    /// Multiplies every simulated delay (lifecycle delays, batch flush interval, retry backoff): 1.0 plays in real time
    /// (default), 0.001 plays a lifecycle in milliseconds, 0 as fast as possible. Key <c>Reach:Channel:TimeScale</c>.
    /// </summary>
    public double TimeScale { get; set; } = 1.0;

    /// <summary>
    /// Makes the run reproducible (key <c>Reach:Channel:Seed</c>): each message's outcome is derived from (seed,
    /// communication_id) only, so it does not depend on arrival order. Without it a random seed is chosen and logged.
    /// </summary>
    public long? Seed { get; set; }

    /// <summary>Largest send batch body, in bytes (default 8 MiB); larger bodies get 400.</summary>
    public int MaxBodyBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>Most messages in one send batch (default 10,000); more get 400.</summary>
    public int MaxMessagesPerBatch { get; set; } = 10_000;

    /// <summary>Currency of order values when a batch names none (default <c>INR</c>).</summary>
    public string DefaultCurrency { get; set; } = "INR";

    /// <summary>
    /// Units of each currency per Indian rupee (order values are drawn in INR, ₹399–₹2,499, then multiplied and rounded
    /// to 2 decimals). Defaults: INR 1, GBP 1/105, USD 1/85, EUR 1/90. Keys <c>Reach:Channel:CurrencyRates:{ISO code}</c>.
    /// </summary>
    public Dictionary<string, decimal> CurrencyRates { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["INR"] = 1m,
        ["GBP"] = 1m / 105m,
        ["USD"] = 1m / 85m,
        ["EUR"] = 1m / 90m,
    };

    /// <summary>Per-channel probabilities (ARCHITECTURE §7 table).</summary>
    public LifecycleOptions Lifecycle { get; set; } = new();

    /// <summary>Injected faults: duplicates, reordering, lost acknowledgements.</summary>
    public FaultOptions Faults { get; set; } = new();

    /// <summary>Receipt batching and retries.</summary>
    public ReceiptOptions Receipts { get; set; } = new();
}
