using System.Text.Json.Serialization;

namespace Reach.Crm.Receipts;

/// <summary>
/// Source-generated JSON for receipt batches (read) and the stored payload of each event (written): the channel posts
/// up to <see cref="ReceiptBatchParser.MaxEvents"/> events per request, and reflection-based (de)serialisation was
/// the CRM's largest cost per event in the receipts benchmark. Default (not web) options: property names exactly as
/// <see cref="ReceiptDto"/>'s <c>JsonPropertyName</c>s, nulls written.
/// </summary>
[JsonSerializable(typeof(List<ReceiptDto>))]
[JsonSerializable(typeof(ReceiptDto))]
internal sealed partial class ReceiptJsonContext : JsonSerializerContext;
