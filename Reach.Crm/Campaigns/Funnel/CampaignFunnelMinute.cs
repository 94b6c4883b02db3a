namespace Reach.Crm.Campaigns.Funnel;

/// <summary>The funnel's per-minute series: how many communications reached each stage in that minute (UTC, by receipt time).</summary>
public sealed class CampaignFunnelMinute
{
    public long CampaignId { get; set; }

    /// <summary>Start of the minute (UTC).</summary>
    public DateTimeOffset Minute { get; set; }

    public long Dispatched { get; set; }
    public long Sent { get; set; }
    public long Delivered { get; set; }
    public long Opened { get; set; }
    public long Read { get; set; }
    public long Clicked { get; set; }
    public long Converted { get; set; }
    public long Failed { get; set; }
    public decimal Revenue { get; set; }
}
