using System.Text.Json.Serialization;

namespace Reach.Crm.Campaigns.Dispatch;

/// <summary>The send batch of the CRM ⇄ channel protocol (ARCHITECTURE §7): <c>POST /v1/messages:batch</c>.</summary>
public sealed record ChannelBatch(
    [property: JsonPropertyName("batch_id")] string BatchId,
    [property: JsonPropertyName("campaign_id")] long CampaignId,
    [property: JsonPropertyName("channel")] string Channel,
    [property: JsonPropertyName("callback_url")] string CallbackUrl,
    [property: JsonPropertyName("currency")] string Currency,
    [property: JsonPropertyName("messages")] IReadOnlyList<ChannelMessage> Messages);

/// <summary>One message of a send batch.</summary>
public sealed record ChannelMessage(
    [property: JsonPropertyName("communication_id")] long CommunicationId,
    [property: JsonPropertyName("to")] string To,
    [property: JsonPropertyName("body")] string Body);

/// <summary>The channel's 202 answer.</summary>
public sealed record ChannelBatchAccepted(
    [property: JsonPropertyName("accepted")] int Accepted,
    [property: JsonPropertyName("duplicates")] int Duplicates);
