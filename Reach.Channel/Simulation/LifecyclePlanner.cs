namespace Reach.Channel.Simulation;

/// <summary>
/// Decides each message's lifecycle from the per-channel conditional probabilities (ARCHITECTURE §7) one step at a
/// time: <c>sent</c>; then <c>delivered</c> (p) or <c>failed</c>; then <c>opened</c> | delivered (not SMS); <c>read</c> |
/// opened; <c>clicked</c> | opened (SMS: | delivered), independent of read; <c>converted</c> | clicked. Every draw is a
/// pure function of (seed, communication_id), so the same seed gives every message the same fate in any order.
/// </summary>
/// <param name="seed">The run's seed (<c>Reach:Channel:Seed</c>, else random).</param>
/// <param name="lifecycle">The per-channel probabilities.</param>
public sealed class LifecyclePlanner(long seed, LifecycleOptions lifecycle)
{
    /// <summary>The seed every draw derives from.</summary>
    public long Seed { get; } = seed;

    /// <summary>The first event, <c>sent</c>, 0.3–1 s after acceptance.</summary>
    public PlannedEvent First(long communicationId) => new(ReceiptType.Sent, Delay(communicationId, RandomStream.SentDelay, LifecycleTimings.Sent));

    /// <summary>The event after <paramref name="current"/>, or null when the message's lifecycle ends with it.</summary>
    public PlannedEvent? Next(long communicationId, ChannelKind channel, ReceiptType current)
    {
        var p = lifecycle.For(channel);
        switch (current)
        {
            case ReceiptType.None:
                return First(communicationId);
            case ReceiptType.Sent:
                var delivered = Draw(communicationId, RandomStream.Delivered) < p.Delivered;
                return new(delivered ? ReceiptType.Delivered : ReceiptType.Failed, Delay(communicationId, RandomStream.OutcomeDelay, LifecycleTimings.Outcome));
            case ReceiptType.Delivered when p.TracksOpens:
                return Draw(communicationId, RandomStream.Opened) < p.Opened
                    ? new(ReceiptType.Opened, Delay(communicationId, RandomStream.OpenedDelay, LifecycleTimings.Opened))
                    : null;
            case ReceiptType.Delivered:
                return Click(communicationId, p);
            case ReceiptType.Opened:
                return Draw(communicationId, RandomStream.Read) < p.Read
                    ? new(ReceiptType.Read, Delay(communicationId, RandomStream.ReadDelay, LifecycleTimings.Read))
                    : Click(communicationId, p);
            case ReceiptType.Read:
                return Click(communicationId, p);
            case ReceiptType.Clicked:
                return Draw(communicationId, RandomStream.Converted) < p.Converted
                    ? new(ReceiptType.Converted, Delay(communicationId, RandomStream.ConvertedDelay, LifecycleTimings.Converted))
                    : null;
            default:
                return null;
        }
    }

    /// <summary>The reason a failed message gives: one of <see cref="LifecycleTimings.FailureReasons"/>, uniformly.</summary>
    public string FailureReason(long communicationId)
    {
        var reasons = LifecycleTimings.FailureReasons;
        return reasons[Math.Min(reasons.Count - 1, (int)(Draw(communicationId, RandomStream.FailureReason) * reasons.Count))];
    }

    /// <summary>The order value of a conversion in rupees, uniform in ₹399–₹2,499 (unrounded).</summary>
    public double OrderValueInr(long communicationId) =>
        DeterministicRandom.Between(Seed, communicationId, RandomStream.OrderValue, LifecycleTimings.OrderValueInr.Min, LifecycleTimings.OrderValueInr.Max);

    /// <summary>The order value in a currency: rupees × <paramref name="ratePerInr"/>, rounded to 2 decimals.</summary>
    public decimal OrderValue(long communicationId, decimal ratePerInr) =>
        Math.Round((decimal)OrderValueInr(communicationId) * ratePerInr, 2, MidpointRounding.AwayFromZero);

    /// <summary>A per-event draw in [0, 1) for fault injection (duplicates, hold-backs), independent of the lifecycle draws.</summary>
    public double Draw(long communicationId, RandomStream stream, ReceiptType type) =>
        DeterministicRandom.Uniform(Seed, communicationId, stream, (int)type);

    private PlannedEvent? Click(long communicationId, ChannelLifecycle p) =>
        Draw(communicationId, RandomStream.Clicked) < p.Clicked
            ? new(ReceiptType.Clicked, Delay(communicationId, RandomStream.ClickedDelay, LifecycleTimings.Clicked))
            : null;

    private double Draw(long communicationId, RandomStream stream) => DeterministicRandom.Uniform(Seed, communicationId, stream);

    private double Delay(long communicationId, RandomStream stream, (double Min, double Max) range) =>
        DeterministicRandom.Between(Seed, communicationId, stream, range.Min, range.Max);
}
