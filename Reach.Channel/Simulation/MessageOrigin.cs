using System.Diagnostics;
using Reach.Channel.Ledger;

namespace Reach.Channel.Simulation;

/// <summary>What the messages of one accepted send batch share: kept once per batch, referenced by index from each message.</summary>
/// <param name="BatchId">The send batch's <c>batch_id</c>.</param>
/// <param name="Campaign">The campaign's ledger.</param>
/// <param name="Channel">The channel.</param>
/// <param name="CallbackUrl">Where receipts go.</param>
/// <param name="Currency">ISO 4217 currency of order values.</param>
/// <param name="CurrencyRate">Units of <paramref name="Currency"/> per rupee.</param>
/// <param name="Trace">The trace context of the request that delivered the batch: receipt batches link to it.</param>
public sealed record MessageOrigin(
    string BatchId,
    CampaignLedger Campaign,
    ChannelKind Channel,
    Uri CallbackUrl,
    string Currency,
    decimal CurrencyRate,
    ActivityContext Trace);
