namespace Reach.Crm.Campaigns;

/// <summary>Campaign statuses (ARCHITECTURE §6): draft → approved → sending → completed, or cancelled; failed when dispatch gives up.</summary>
public static class CampaignStatus
{
    public const string Draft = "draft";
    public const string Approved = "approved";
    public const string Sending = "sending";
    public const string Completed = "completed";
    public const string Cancelled = "cancelled";
    public const string Failed = "failed";

    /// <summary>Every status.</summary>
    public static readonly IReadOnlyList<string> All = [Draft, Approved, Sending, Completed, Cancelled, Failed];
}
