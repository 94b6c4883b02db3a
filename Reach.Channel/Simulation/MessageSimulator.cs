using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Options;
using Reach.Channel.Ledger;
using Reach.Channel.Receipts;
using Reach.Channel.Telemetry;

namespace Reach.Channel.Simulation;

/// <summary>
/// The simulator's state behind one lock: every message ever accepted (a compact <see cref="MessageState"/> per
/// communication id, the de-duplication set), the campaign ledgers, and the single timer queue of everything scheduled
/// (next lifecycle events, held-back and duplicate receipts, receipt batch retries). <see cref="SimulationLoop"/> drains
/// the queue; nothing else runs a timer.
/// </summary>
public sealed class MessageSimulator
{
    private readonly Lock gate = new();
    private readonly Dictionary<long, MessageState> messages = [];
    private readonly List<MessageOrigin> origins = [];
    private readonly Dictionary<long, CampaignLedger> campaigns = [];
    private readonly PriorityQueue<ScheduledItem, long> queue = new();
    private readonly SemaphoreSlim wake = new(0, 1);
    private readonly LifecyclePlanner planner;
    private readonly FaultOptions faults;
    private readonly TimeProvider time;
    private readonly ChannelTelemetry telemetry;
    private readonly double ticksPerSimulatedSecond;

    /// <summary>Creates the simulator.</summary>
    public MessageSimulator(LifecyclePlanner planner, IOptions<ChannelOptions> options, TimeProvider time, ChannelTelemetry telemetry)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.planner = planner;
        this.time = time;
        this.telemetry = telemetry;
        faults = options.Value.Faults;
        ticksPerSimulatedSecond = options.Value.TimeScale * time.TimestampFrequency;
    }

    /// <summary>The seed every outcome derives from.</summary>
    public long Seed => planner.Seed;

    /// <summary>Distinct messages accepted since the process started.</summary>
    public int MessageCount
    {
        get
        {
            lock (gate)
            {
                return messages.Count;
            }
        }
    }

    /// <summary>When the earliest scheduled item falls due (a <see cref="TimeProvider"/> timestamp), or null when nothing is scheduled.</summary>
    public long? NextDue
    {
        get
        {
            lock (gate)
            {
                return queue.TryPeek(out _, out var due) ? due : null;
            }
        }
    }

    /// <summary>
    /// Accepts a send batch: every communication id not seen before is scheduled to be <c>sent</c> (0.3–1 s × time
    /// scale); ids seen before, in this batch or any earlier one, are counted as duplicates and not played again.
    /// </summary>
    /// <param name="batch">The validated batch.</param>
    /// <param name="trace">The trace context of the request, linked from the receipt batches it causes.</param>
    public BatchAcceptance Accept(MessageBatch batch, ActivityContext trace)
    {
        ArgumentNullException.ThrowIfNull(batch);
        int accepted = 0, duplicates = 0;
        lock (gate)
        {
            var now = time.GetTimestamp();
            if (!campaigns.TryGetValue(batch.CampaignId, out var campaign))
            {
                campaign = new CampaignLedger(batch.CampaignId, batch.Channel, batch.Currency);
                campaigns.Add(batch.CampaignId, campaign);
            }

            var originIndex = origins.Count;
            foreach (var id in batch.CommunicationIds)
            {
                ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(messages, id, out var seen);
                if (seen)
                {
                    duplicates++;
                    continue;
                }

                slot = new MessageState(originIndex);
                accepted++;
                var first = planner.First(id);
                queue.Enqueue(new ScheduledItem(ScheduledKind.Lifecycle, id, first.Type, null), now + Ticks(first.DelaySeconds));
                campaign.EventScheduled();
            }

            if (accepted > 0)
            {
                origins.Add(new MessageOrigin(batch.BatchId, campaign, batch.Channel, batch.CallbackUrl, batch.Currency, batch.CurrencyRate, trace));
            }

            campaign.AddMessages(accepted, duplicates);
        }

        telemetry.MessagesAccepted.Add(accepted);
        telemetry.MessagesDuplicate.Add(duplicates);
        Wake();
        return new BatchAcceptance(accepted, duplicates);
    }

    /// <summary>
    /// Takes up to <paramref name="max"/> items due at <paramref name="now"/>: emits due lifecycle events (updating the
    /// ledger and scheduling each message's next event, hold-backs and duplicates) into <paramref name="receipts"/>,
    /// along with due held-back and duplicate receipts; due batch retries go to <paramref name="retries"/>. Items it
    /// schedules are due no sooner than the next call.
    /// </summary>
    /// <returns>How many items were taken.</returns>
    public int TakeDue(long now, List<Receipt> receipts, List<ReceiptBatch> retries, int max)
    {
        ArgumentNullException.ThrowIfNull(receipts);
        ArgumentNullException.ThrowIfNull(retries);
        var occurredAt = TruncateToMilliseconds(time.GetUtcNow().UtcDateTime);
        var taken = 0;
        lock (gate)
        {
            while (taken < max && queue.TryPeek(out var item, out var due) && due <= now)
            {
                queue.Dequeue();
                taken++;
                switch (item.Kind)
                {
                    case ScheduledKind.Lifecycle:
                        Emit(item.CommunicationId, item.Type, now, occurredAt, receipts);
                        break;
                    case ScheduledKind.Resend:
                        receipts.Add((Receipt)item.Payload!);
                        break;
                    case ScheduledKind.Retry:
                        retries.Add((ReceiptBatch)item.Payload!);
                        break;
                }
            }
        }

        return taken;
    }

    /// <summary>Puts a failed receipt batch back on the timer queue, to be sent again after <paramref name="delay"/> (real time).</summary>
    public void ScheduleRetry(ReceiptBatch batch, TimeSpan delay)
    {
        ArgumentNullException.ThrowIfNull(batch);
        lock (gate)
        {
            var ticks = Math.Max(1L, (long)(delay.TotalSeconds * time.TimestampFrequency));
            queue.Enqueue(new ScheduledItem(ScheduledKind.Retry, 0, ReceiptType.None, batch), time.GetTimestamp() + ticks);
        }

        Wake();
    }

    /// <summary>Records that a batch's receipts were acknowledged by the callback (<paramref name="delivered"/>) or given up.</summary>
    public void Settle(ReceiptBatch batch, bool delivered)
    {
        ArgumentNullException.ThrowIfNull(batch);
        lock (gate)
        {
            foreach (var receipt in batch.Receipts)
            {
                receipt.Origin.Campaign.ReceiptSettled(delivered);
            }
        }
    }

    /// <summary>
    /// A campaign's ledger, or null when no batch of it was ever received. With <paramref name="detail"/>, also up to
    /// <paramref name="limit"/> messages with a communication id above <paramref name="after"/>, in id order.
    /// </summary>
    public LedgerResponse? GetLedger(long campaignId, bool detail = false, long after = 0, int limit = 10_000)
    {
        List<(long Id, MessageState State, MessageOrigin Origin)>? page = null;
        LedgerResponse summary;
        lock (gate)
        {
            if (!campaigns.TryGetValue(campaignId, out var campaign))
            {
                return null;
            }

            summary = campaign.Snapshot();
            if (detail)
            {
                page = [];
                foreach (var (id, state) in messages)
                {
                    var origin = origins[state.Origin];
                    if (id > after && ReferenceEquals(origin.Campaign, campaign))
                    {
                        page.Add((id, state, origin));
                    }
                }
            }
        }

        if (page is null)
        {
            return summary;
        }

        page.Sort(static (a, b) => a.Id.CompareTo(b.Id));
        var more = page.Count > limit;
        var communications = page.Take(limit).Select(m => Describe(m.Id, m.State, m.Origin)).ToList();
        return summary with { Communications = communications, NextAfter = more ? communications[^1].CommunicationId : null };
    }

    /// <summary>Waits until something is scheduled or accepted, or <paramref name="timeout"/> passes.</summary>
    public async Task WaitForWorkAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        await wake.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);

    private void Emit(long id, ReceiptType type, long now, DateTime occurredAt, List<Receipt> receipts)
    {
        ref var state = ref CollectionsMarshal.GetValueRefOrNullRef(messages, id);
        if (Unsafe.IsNullRef(ref state))
        {
            return;
        }

        var origin = origins[state.Origin];
        var campaign = origin.Campaign;
        var reason = type == ReceiptType.Failed ? planner.FailureReason(id) : null;
        decimal? orderValue = type == ReceiptType.Converted ? planner.OrderValue(id, origin.CurrencyRate) : null;
        campaign.EventEmitted(type, state.Furthest, orderValue);
        state.Furthest = type;
        state.Emitted |= (byte)(1 << (int)type);
        telemetry.EventEmitted(type);

        var receipt = new Receipt(
            new ReceiptEvent(ReceiptTypes.EventId(id, type), id, type.ToWireName(), occurredAt, reason, orderValue, orderValue is null ? null : origin.Currency),
            origin);
        campaign.ReceiptQueued();

        var next = planner.Next(id, origin.Channel, type);
        if (next is { } step)
        {
            queue.Enqueue(new ScheduledItem(ScheduledKind.Lifecycle, id, step.Type, null), now + Ticks(step.DelaySeconds));
            campaign.EventScheduled();
        }

        // Reordering: hold this event back until after the next one was emitted, so the CRM sees e.g. read before delivered.
        if (next is { } following && faults.HoldBackRate > 0 && planner.Draw(id, RandomStream.HoldBack, type) < faults.HoldBackRate)
        {
            var extra = DeterministicRandom.Between(planner.Seed, id, RandomStream.HoldBackDelay, LifecycleTimings.HoldBackExtra.Min, LifecycleTimings.HoldBackExtra.Max, (int)type);
            queue.Enqueue(new ScheduledItem(ScheduledKind.Resend, id, type, receipt), now + Ticks(following.DelaySeconds + extra));
        }
        else
        {
            receipts.Add(receipt);
        }

        // Duplicates: the same receipt again, later, so it travels in another batch.
        if (faults.DuplicateRate > 0 && planner.Draw(id, RandomStream.Duplicate, type) < faults.DuplicateRate)
        {
            var delay = DeterministicRandom.Between(planner.Seed, id, RandomStream.DuplicateDelay, LifecycleTimings.DuplicateDelay.Min, LifecycleTimings.DuplicateDelay.Max, (int)type);
            queue.Enqueue(new ScheduledItem(ScheduledKind.Resend, id, type, receipt), now + Ticks(delay));
            campaign.ReceiptQueued();
            telemetry.EventsDuplicated.Add(1);
        }
    }

    private LedgerCommunication Describe(long id, MessageState state, MessageOrigin origin)
    {
        var types = ReceiptTypes.All.Where(t => (state.Emitted & (1 << (int)t)) != 0).ToList();
        return new LedgerCommunication(
            id,
            state.Furthest.ToWireName(),
            types.Select(static t => t.ToWireName()).ToList(),
            types.Select(t => ReceiptTypes.EventId(id, t)).ToList(),
            types.Contains(ReceiptType.Failed) ? planner.FailureReason(id) : null,
            types.Contains(ReceiptType.Converted) ? planner.OrderValue(id, origin.CurrencyRate) : null);
    }

    /// <summary>Simulated seconds → timestamp ticks, scaled; at least 1 so a new item is never due in the same pass.</summary>
    private long Ticks(double simulatedSeconds) => Math.Max(1L, (long)(simulatedSeconds * ticksPerSimulatedSecond));

    private void Wake()
    {
        if (wake.CurrentCount == 0)
        {
            try
            {
                wake.Release();
            }
            catch (SemaphoreFullException)
            {
                // Another thread woke the loop first.
            }
        }
    }

    private static DateTime TruncateToMilliseconds(DateTime value) =>
        new(value.Ticks - (value.Ticks % TimeSpan.TicksPerMillisecond), DateTimeKind.Utc);
}
