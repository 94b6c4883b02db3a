namespace Reach.Channel.Simulation;

/// <summary>
/// Delays between a message's events, in simulated seconds (multiplied by <c>Reach:Channel:TimeScale</c>), and the
/// order value range — all from ARCHITECTURE §7. Each delay is drawn uniformly from its range and counts from the
/// previous event.
/// </summary>
public static class LifecycleTimings
{
    /// <summary>Accepted → <c>sent</c>: 0.3–1 s.</summary>
    public static readonly (double Min, double Max) Sent = (0.3, 1.0);

    /// <summary><c>sent</c> → <c>delivered</c> or <c>failed</c>: 0.8–2 s.</summary>
    public static readonly (double Min, double Max) Outcome = (0.8, 2.0);

    /// <summary><c>delivered</c> → <c>opened</c>: 1.5–4 s.</summary>
    public static readonly (double Min, double Max) Opened = (1.5, 4.0);

    /// <summary><c>opened</c> → <c>read</c>: 0.5–2 s.</summary>
    public static readonly (double Min, double Max) Read = (0.5, 2.0);

    /// <summary><c>read</c> (or <c>opened</c> when not read; <c>delivered</c> for SMS) → <c>clicked</c>: 1–3 s.</summary>
    public static readonly (double Min, double Max) Clicked = (1.0, 3.0);

    /// <summary><c>clicked</c> → <c>converted</c>: 1.5–4 s.</summary>
    public static readonly (double Min, double Max) Converted = (1.5, 4.0);

    /// <summary>Order value of a conversion, in Indian rupees: ₹399–₹2,499 (scaled to the batch's currency).</summary>
    public static readonly (double Min, double Max) OrderValueInr = (399, 2499);

    /// <summary>An injected duplicate follows its original by 0.5–3 s, so it travels in another batch.</summary>
    public static readonly (double Min, double Max) DuplicateDelay = (0.5, 3.0);

    /// <summary>A held-back event is sent 0.2–1 s after the next event was emitted.</summary>
    public static readonly (double Min, double Max) HoldBackExtra = (0.2, 1.0);

    /// <summary>Failure reasons, chosen uniformly.</summary>
    public static IReadOnlyList<string> FailureReasons { get; } = ["invalid_number", "unsubscribed", "carrier_rejected", "mailbox_full"];
}
