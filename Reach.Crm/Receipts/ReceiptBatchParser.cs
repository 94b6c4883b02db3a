using System.Text.Json;
using Reach.Crm.Campaigns;

namespace Reach.Crm.Receipts;

/// <summary>Reads and validates a receipt batch as a whole: one bad event rejects the batch (400) before anything is applied.</summary>
public static class ReceiptBatchParser
{
    /// <summary>Most events in one batch.</summary>
    public const int MaxEvents = 10_000;

    /// <summary>Parses <paramref name="body"/>.</summary>
    /// <returns>The events, or the reason the batch is malformed.</returns>
    public static (IReadOnlyList<ReceiptDto>? Events, string? Error) Parse(ReadOnlySpan<byte> body)
    {
        List<ReceiptDto>? events;
        try
        {
            events = JsonSerializer.Deserialize(body, ReceiptJsonContext.Default.ListReceiptDto);
        }
        catch (JsonException e)
        {
            return (null, $"the body is not a JSON array of receipts (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}): {e.Message}");
        }

        if (events is null)
        {
            return (null, "the body is null; send a JSON array of receipts");
        }

        if (events.Count > MaxEvents)
        {
            return (null, $"the batch holds {events.Count} receipts; at most {MaxEvents} are accepted");
        }

        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            var problem = e switch
            {
                null => "is null",
                { EventId: null or "" } => "event_id is missing",
                { EventId.Length: > 100 } => "event_id is longer than 100 characters",
                { CommunicationId: null } => "communication_id is missing",
                { Type: null } => "type is missing",
                { OccurredAt: null } => "occurred_at is missing",
                _ when !CommunicationStage.ReceiptTypes.Contains(e.Type) => $"type '{e.Type}' is not allowed; allowed: {string.Join(", ", CommunicationStage.ReceiptTypes)}",
                { OrderValue: < 0 or > 1_000_000_000m } => $"order_value {e.OrderValue} is out of range",
                { Reason.Length: > 100 } => "reason is longer than 100 characters",
                _ => null,
            };
            if (problem is not null)
            {
                return (null, $"[{i}]: {problem}");
            }
        }

        return (events, null);
    }
}
