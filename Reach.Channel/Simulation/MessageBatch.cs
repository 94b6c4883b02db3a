namespace Reach.Channel.Simulation;

/// <summary>A validated send batch, as the simulator takes it (recipient and body are not needed to simulate and are not kept).</summary>
/// <param name="BatchId">The CRM's batch id.</param>
/// <param name="CampaignId">The campaign.</param>
/// <param name="Channel">The channel.</param>
/// <param name="CallbackUrl">Where receipts go (absolute; a logical <c>http://crm/…</c> address is resolved by service discovery).</param>
/// <param name="Currency">ISO 4217 code of order values.</param>
/// <param name="CurrencyRate">Units of <paramref name="Currency"/> per rupee.</param>
/// <param name="CommunicationIds">The messages' communication ids, in request order.</param>
public sealed record MessageBatch(
    string BatchId,
    long CampaignId,
    ChannelKind Channel,
    Uri CallbackUrl,
    string Currency,
    decimal CurrencyRate,
    IReadOnlyList<long> CommunicationIds);
