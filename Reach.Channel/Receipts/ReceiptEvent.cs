namespace Reach.Channel.Receipts;

/// <summary>
/// One receipt as the CRM receives it (ARCHITECTURE §7), snake_case, nulls omitted:
/// <c>{ "event_id": "evt_42_converted", "communication_id": 42, "type": "converted", "occurred_at": "2025-01-31T10:15:02.123Z", "order_value": 1234.56, "currency": "INR" }</c>.
/// </summary>
/// <param name="EventId"><c>evt_{communication_id}_{type}</c>: unique per (communication, type); an injected duplicate repeats it.</param>
/// <param name="CommunicationId">The CRM's communication id from the send batch.</param>
/// <param name="Type"><c>sent</c>, <c>delivered</c>, <c>failed</c>, <c>opened</c>, <c>read</c>, <c>clicked</c> or <c>converted</c>.</param>
/// <param name="OccurredAt">When the event happened, UTC, millisecond precision (ISO 8601 with <c>Z</c>).</param>
/// <param name="Reason">For <c>failed</c>: <c>invalid_number</c>, <c>unsubscribed</c>, <c>carrier_rejected</c> or <c>mailbox_full</c>.</param>
/// <param name="OrderValue">For <c>converted</c>: ₹399–₹2,499 scaled to <paramref name="Currency"/>, 2 decimals.</param>
/// <param name="Currency">For <c>converted</c>: the batch's ISO 4217 currency.</param>
public sealed record ReceiptEvent(
    string EventId,
    long CommunicationId,
    string Type,
    DateTime OccurredAt,
    string? Reason = null,
    decimal? OrderValue = null,
    string? Currency = null);
