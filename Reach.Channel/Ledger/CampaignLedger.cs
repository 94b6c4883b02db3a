using Reach.Channel.Simulation;

namespace Reach.Channel.Ledger;

/// <summary>
/// A campaign's running totals at the channel. Not thread-safe: the simulator changes and reads it under its lock.
/// </summary>
/// <param name="campaignId">The campaign.</param>
/// <param name="channel">Its channel (of its first batch).</param>
/// <param name="currency">Its currency (of its first batch).</param>
public sealed class CampaignLedger(long campaignId, ChannelKind channel, string currency)
{
    private readonly long[] events = new long[8];
    private readonly long[] byFurthest = new long[8];

    /// <summary>The campaign.</summary>
    public long CampaignId { get; } = campaignId;

    /// <summary>Distinct messages accepted.</summary>
    public long Messages { get; private set; }

    /// <summary>Messages refused as duplicates.</summary>
    public long Duplicates { get; private set; }

    /// <summary>Lifecycle events scheduled, not yet emitted.</summary>
    public long Pending { get; private set; }

    /// <summary>Receipts emitted, not yet acknowledged or given up.</summary>
    public long InFlight { get; private set; }

    /// <summary>Receipts given up.</summary>
    public long ReceiptsDropped { get; private set; }

    /// <summary>Sum of order values.</summary>
    public decimal Revenue { get; private set; }

    /// <summary>No event pending and no receipt in flight.</summary>
    public bool Complete => Pending == 0 && InFlight == 0;

    /// <summary>Counts a send batch's new and duplicate messages.</summary>
    public void AddMessages(int accepted, int duplicates)
    {
        Messages += accepted;
        Duplicates += duplicates;
        byFurthest[(int)ReceiptType.None] += accepted;
    }

    /// <summary>A lifecycle event was scheduled.</summary>
    public void EventScheduled() => Pending++;

    /// <summary>A scheduled event was emitted; <paramref name="previous"/> was the message's furthest event before it.</summary>
    public void EventEmitted(ReceiptType type, ReceiptType previous, decimal? orderValue)
    {
        Pending--;
        events[(int)type]++;
        byFurthest[(int)previous]--;
        byFurthest[(int)type]++;
        Revenue += orderValue ?? 0m;
    }

    /// <summary>A receipt (original or duplicate copy) now awaits delivery to the callback.</summary>
    public void ReceiptQueued() => InFlight++;

    /// <summary>A receipt was acknowledged (<paramref name="delivered"/>) or given up.</summary>
    public void ReceiptSettled(bool delivered)
    {
        InFlight--;
        if (!delivered)
        {
            ReceiptsDropped++;
        }
    }

    /// <summary>The totals as the API returns them.</summary>
    public LedgerResponse Snapshot(IReadOnlyList<LedgerCommunication>? communications = null, long? nextAfter = null) => new(
        CampaignId,
        channel.ToWireName(),
        currency,
        Messages,
        Duplicates,
        Counts(type => events[(int)type]),
        Counts(stage => ReceiptTypes.All.Where(furthest => furthest.Reached(stage)).Sum(furthest => byFurthest[(int)furthest])),
        Revenue,
        Pending,
        InFlight,
        ReceiptsDropped,
        Complete,
        communications,
        nextAfter);

    private static LedgerEventCounts Counts(Func<ReceiptType, long> count) => new(
        count(ReceiptType.Sent),
        count(ReceiptType.Delivered),
        count(ReceiptType.Failed),
        count(ReceiptType.Opened),
        count(ReceiptType.Read),
        count(ReceiptType.Clicked),
        count(ReceiptType.Converted));
}
