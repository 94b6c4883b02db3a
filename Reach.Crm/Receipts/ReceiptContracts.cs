using System.Text.Json.Serialization;

namespace Reach.Crm.Receipts;

/// <summary>
/// One receipt as the channel posts it (ARCHITECTURE §7), snake_case JSON:
/// <c>{ event_id, communication_id, type, occurred_at, reason?, order_value?, currency? }</c>.
/// </summary>
/// <param name="Type">sent, delivered, failed, opened, read, clicked or converted.</param>
/// <param name="OrderValue">Conversion value (converted only), in <paramref name="Currency"/>.</param>
public sealed record ReceiptDto(
    [property: JsonPropertyName("event_id")] string? EventId,
    [property: JsonPropertyName("communication_id")] long? CommunicationId,
    [property: JsonPropertyName("type")] string? Type,
    [property: JsonPropertyName("occurred_at")] DateTimeOffset? OccurredAt,
    [property: JsonPropertyName("reason")] string? Reason = null,
    [property: JsonPropertyName("order_value")] decimal? OrderValue = null,
    [property: JsonPropertyName("currency")] string? Currency = null);

/// <summary>The answer to a receipt batch: 200 even for duplicates, so the channel doesn't retry them.</summary>
/// <param name="Applied">New events recorded.</param>
/// <param name="Duplicate">Events already recorded (same event_id).</param>
/// <param name="Unknown">Events for communications the CRM doesn't have.</param>
public sealed record ReceiptBatchResult(int Applied, int Duplicate, int Unknown);
