namespace Reach.Channel.Ledger;

/// <summary>
/// <c>GET /v1/ledger/{campaign_id}</c>: the truth about a campaign at the channel, for checking the CRM's funnel.
/// </summary>
/// <param name="CampaignId">The campaign.</param>
/// <param name="Channel">Its channel (of its first batch).</param>
/// <param name="Currency">Currency of <paramref name="Revenue"/> (of its first batch).</param>
/// <param name="Messages">Distinct messages accepted.</param>
/// <param name="Duplicates">Messages refused because their communication_id was seen before.</param>
/// <param name="Events">Distinct events emitted per type (first emission only; duplicates sent on purpose are not counted again).</param>
/// <param name="Funnel">
/// Messages per stage reached, cumulative like the CRM's funnel (ARCHITECTURE §8): a stage counts every message whose
/// furthest event is it or a later one in <c>sent &lt; delivered &lt; opened &lt; read &lt; clicked &lt; converted</c>
/// (so a message clicked without a read counts as read); <c>failed</c> counts failed messages.
/// </param>
/// <param name="Revenue">Sum of <c>order_value</c> of the converted events.</param>
/// <param name="Pending">Lifecycle events scheduled but not yet emitted.</param>
/// <param name="InFlight">Receipts (originals and injected duplicates) emitted but not yet acknowledged by the callback or given up.</param>
/// <param name="ReceiptsDropped">Receipts given up (their batch got a 4xx other than 408/429, or exceeded the maximum age).</param>
/// <param name="Complete">True when nothing is pending or in flight: every event has been emitted and its receipt answered.</param>
/// <param name="Communications">With <c>?detail=true</c>: a page of messages, ordered by communication id.</param>
/// <param name="NextAfter">With <c>?detail=true</c>, when more messages follow: pass it as <c>after</c> for the next page.</param>
public sealed record LedgerResponse(
    long CampaignId,
    string Channel,
    string Currency,
    long Messages,
    long Duplicates,
    LedgerEventCounts Events,
    LedgerEventCounts Funnel,
    decimal Revenue,
    long Pending,
    long InFlight,
    long ReceiptsDropped,
    bool Complete,
    IReadOnlyList<LedgerCommunication>? Communications = null,
    long? NextAfter = null);
