namespace Reach.Crm.Campaigns.Funnel;

/// <summary>
/// A campaign's maintained funnel counters (ARCHITECTURE §8), updated in the same transaction as the dispatch or
/// receipt batch that moves a communication, so reading the funnel never counts communications. Each stage counts
/// the communications that reached it or a later one; <see cref="Failed"/> counts failures without delivery evidence.
/// </summary>
public sealed class CampaignFunnel
{
    public long CampaignId { get; set; }
    public long Queued { get; set; }
    public long Dispatched { get; set; }
    public long Sent { get; set; }
    public long Delivered { get; set; }
    public long Opened { get; set; }
    public long Read { get; set; }
    public long Clicked { get; set; }
    public long Converted { get; set; }
    public long Failed { get; set; }

    /// <summary>Attributed revenue in the campaign currency.</summary>
    public decimal Revenue { get; set; }

    public DateTimeOffset? LastReceiptAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
