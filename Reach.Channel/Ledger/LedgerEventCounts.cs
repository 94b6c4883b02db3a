namespace Reach.Channel.Ledger;

/// <summary>Counts per event type: distinct events emitted (<c>events</c>) or messages that reached a stage (<c>funnel</c>).</summary>
public sealed record LedgerEventCounts(long Sent, long Delivered, long Failed, long Opened, long Read, long Clicked, long Converted);
