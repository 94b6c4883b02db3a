using System.Text.Json;
using System.Text.Json.Serialization;
using Reach.Channel.Apis;
using Reach.Channel.Ledger;
using Reach.Channel.Receipts;

namespace Reach.Channel;

/// <summary>
/// JSON of the channel's wire formats: snake_case, nulls omitted, numbers strictly as numbers, required constructor
/// parameters and nullability enforced when reading (a missing <c>batch_id</c> or a null <c>to</c> is a 400).
/// </summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.Strict,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(MessageBatchRequest))]
[JsonSerializable(typeof(BatchAcceptedResponse))]
[JsonSerializable(typeof(ReceiptEvent[]))]
[JsonSerializable(typeof(LedgerResponse))]
public sealed partial class ChannelJsonContext : JsonSerializerContext;
