using System.Text.Json;

namespace Reach.Crm.Receipts;

/// <summary>One accepted receipt from the channel: the append-only ledger (unique by <see cref="EventId"/>).</summary>
public sealed class ReceiptEvent
{
    public required string EventId { get; set; }
    public long CommunicationId { get; set; }

    /// <summary><c>sent</c>, <c>delivered</c>, <c>failed</c>, <c>opened</c>, <c>read</c>, <c>clicked</c> or <c>converted</c>.</summary>
    public required string Type { get; set; }

    public DateTimeOffset OccurredAt { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
    public required JsonDocument Payload { get; set; }
}
