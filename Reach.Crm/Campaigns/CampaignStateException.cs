namespace Reach.Crm.Campaigns;

/// <summary>The campaign's status does not allow the action (→ 409).</summary>
public sealed class CampaignStateException(long id, string status, string action)
    : Exception($"campaign {id} is {status}; only {(action == "cancel" ? "a draft, approved or sending campaign" : "a draft")} can be {(action == "cancel" ? "cancelled" : action == "edit" ? "edited" : "launched")}")
{
    /// <summary>The campaign's status.</summary>
    public string Status { get; } = status;
}
