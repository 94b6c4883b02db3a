using System.Diagnostics;
using System.Diagnostics.Metrics;
using Reach.Channel.Simulation;

namespace Reach.Channel.Telemetry;

/// <summary>
/// The channel's own <see cref="ActivitySource"/> and <see cref="Meter"/>, both named <c>Reach.Channel</c> (exported by
/// ServiceDefaults, which subscribes to <c>Reach.*</c>; ARCHITECTURE §11).
/// </summary>
public sealed class ChannelTelemetry : IDisposable
{
    /// <summary>Name of the activity source and the meter.</summary>
    public const string Name = "Reach.Channel";

    private readonly Meter meter = new(Name);

    /// <summary>Creates the instruments.</summary>
    public ChannelTelemetry()
    {
        MessagesAccepted = meter.CreateCounter<long>("reach.channel.messages.accepted", "{message}", "Messages accepted for delivery (first time their communication_id was seen).");
        MessagesDuplicate = meter.CreateCounter<long>("reach.channel.messages.duplicate", "{message}", "Messages refused as duplicates (communication_id seen before).");
        EventsEmitted = meter.CreateCounter<long>("reach.channel.events.emitted", "{event}", "Lifecycle events emitted, by type (first emission only).");
        EventsDuplicated = meter.CreateCounter<long>("reach.channel.events.duplicated", "{event}", "Events scheduled to be sent a second time on purpose (fault injection).");
        ReceiptBatchesSent = meter.CreateCounter<long>("reach.channel.receipt_batches.sent", "{batch}", "Receipt batches acknowledged with 2xx by the callback.");
        ReceiptBatchesFailed = meter.CreateCounter<long>("reach.channel.receipt_batches.failed", "{batch}", "Receipt batches given up: a 4xx other than 408/429, or older than the maximum age.");
        ReceiptBatchesRetried = meter.CreateCounter<long>("reach.channel.receipt_batches.retried", "{batch}", "Receipt batch attempts that will be retried (5xx, 408, 429, network error, injected lost acknowledgement).");
        ReceiptBatchDuration = meter.CreateHistogram<double>("reach.channel.receipt_batch.duration", "ms", "Duration of one receipt batch HTTP attempt, in milliseconds.");
    }

    /// <summary>Traces of send batch intake and receipt batch sends.</summary>
    public ActivitySource ActivitySource { get; } = new(Name);

    /// <summary><c>reach.channel.messages.accepted</c>.</summary>
    public Counter<long> MessagesAccepted { get; }

    /// <summary><c>reach.channel.messages.duplicate</c>.</summary>
    public Counter<long> MessagesDuplicate { get; }

    /// <summary><c>reach.channel.events.emitted</c>, tag <c>type</c>.</summary>
    public Counter<long> EventsEmitted { get; }

    /// <summary><c>reach.channel.events.duplicated</c>.</summary>
    public Counter<long> EventsDuplicated { get; }

    /// <summary><c>reach.channel.receipt_batches.sent</c>.</summary>
    public Counter<long> ReceiptBatchesSent { get; }

    /// <summary><c>reach.channel.receipt_batches.failed</c>, tag <c>reason</c>.</summary>
    public Counter<long> ReceiptBatchesFailed { get; }

    /// <summary><c>reach.channel.receipt_batches.retried</c>, tag <c>reason</c>.</summary>
    public Counter<long> ReceiptBatchesRetried { get; }

    /// <summary><c>reach.channel.receipt_batch.duration</c> in ms, tag <c>outcome</c>.</summary>
    public Histogram<double> ReceiptBatchDuration { get; }

    /// <summary>Counts one emitted event of <paramref name="type"/>.</summary>
    public void EventEmitted(ReceiptType type) => EventsEmitted.Add(1, new KeyValuePair<string, object?>("type", type.ToWireName()));

    /// <inheritdoc />
    public void Dispose()
    {
        ActivitySource.Dispose();
        meter.Dispose();
    }
}
