using System.Buffers;
using System.Text.Json;

namespace Reach.Bench.Infrastructure;

/// <summary>Writes receipt batches as the channel sends them: a JSON array of <c>{ event_id, communication_id, type, occurred_at }</c>.</summary>
public static class ReceiptBody
{
    /// <summary>
    /// One batch: event <c>{prefix}-{firstIndex + i}</c> for each communication <paramref name="communicationIds"/>[i], all
    /// of <paramref name="type"/>, occurred now.
    /// </summary>
    public static byte[] Write(string prefix, long firstIndex, IReadOnlyList<long> communicationIds, string type)
    {
        var buffer = new ArrayBufferWriter<byte>(communicationIds.Count * 120 + 16);
        using (var json = new Utf8JsonWriter(buffer))
        {
            var now = DateTimeOffset.UtcNow;
            json.WriteStartArray();
            for (var i = 0; i < communicationIds.Count; i++)
            {
                json.WriteStartObject();
                json.WriteString("event_id", $"{prefix}-{firstIndex + i}");
                json.WriteNumber("communication_id", communicationIds[i]);
                json.WriteString("type", type);
                json.WriteString("occurred_at", now);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
