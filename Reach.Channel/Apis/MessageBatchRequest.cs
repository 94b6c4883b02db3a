using Reach.Channel.Simulation;

namespace Reach.Channel.Apis;

/// <summary>
/// The body of <c>POST /v1/messages:batch</c> (ARCHITECTURE §7), snake_case:
/// <c>{ "batch_id", "campaign_id", "channel", "callback_url", "currency"?, "messages": [ { "communication_id", "to", "body" } ] }</c>.
/// </summary>
/// <param name="BatchId">The CRM's id for this batch (logged and echoed).</param>
/// <param name="CampaignId">The campaign the messages belong to (the ledger's key).</param>
/// <param name="Channel"><c>whatsapp</c>, <c>sms</c>, <c>email</c> or <c>rcs</c>.</param>
/// <param name="CallbackUrl">Absolute URL that receives the receipt batches, e.g. <c>http://crm/api/webhooks/receipts</c>.</param>
/// <param name="Messages">The messages (at most <see cref="ChannelOptions.MaxMessagesPerBatch"/>).</param>
/// <param name="Currency">ISO 4217 currency of conversion order values (default <see cref="ChannelOptions.DefaultCurrency"/>).</param>
public sealed record MessageBatchRequest(
    string BatchId,
    long CampaignId,
    string Channel,
    string CallbackUrl,
    IReadOnlyList<OutboundMessage> Messages,
    string? Currency = null)
{
    /// <summary>Longest accepted <c>batch_id</c>, in characters.</summary>
    public const int MaxBatchIdLength = 200;

    /// <summary>Validates the batch against the channel's limits; on failure returns null and the reason (for a 400).</summary>
    public MessageBatch? ToMessageBatch(ChannelOptions options, out string? error)
    {
        ArgumentNullException.ThrowIfNull(options);
        error = Check(options, out var channel, out var callback, out var currency, out var rate);
        if (error is not null)
        {
            return null;
        }

        return new MessageBatch(BatchId, CampaignId, channel, callback!, currency!, rate, Messages.Select(static m => m.CommunicationId).ToArray());
    }

    private string? Check(ChannelOptions options, out ChannelKind channel, out Uri? callback, out string? currency, out decimal rate)
    {
        channel = default;
        callback = null;
        currency = null;
        rate = 0;

        if (string.IsNullOrWhiteSpace(BatchId) || BatchId.Length > MaxBatchIdLength)
        {
            return $"batch_id must be a non-empty string of at most {MaxBatchIdLength} characters";
        }

        if (CampaignId <= 0)
        {
            return $"campaign_id must be a positive integer, not {CampaignId}";
        }

        if (!ChannelKinds.TryParse(Channel, out channel))
        {
            return $"channel '{Channel}' is not supported; use one of: {string.Join(", ", ChannelKinds.WireNames)}";
        }

        if (!Uri.TryCreate(CallbackUrl, UriKind.Absolute, out callback)
            || !callback.Scheme.Split('+').All(static s => s is "http" or "https")
            || string.IsNullOrEmpty(callback.Host))
        {
            return $"callback_url '{CallbackUrl}' must be an absolute http or https URL";
        }

        currency = string.IsNullOrWhiteSpace(Currency) ? options.DefaultCurrency : Currency.Trim().ToUpperInvariant();
        if (!options.CurrencyRates.TryGetValue(currency, out rate))
        {
            return $"currency '{Currency}' is not configured; known: {string.Join(", ", options.CurrencyRates.Keys.Order(StringComparer.Ordinal))} (Reach:Channel:CurrencyRates)";
        }

        if (Messages.Count > options.MaxMessagesPerBatch)
        {
            return $"a batch holds at most {options.MaxMessagesPerBatch:N0} messages, not {Messages.Count:N0}; split it";
        }

        for (var i = 0; i < Messages.Count; i++)
        {
            var message = Messages[i];
            if (message is null)
            {
                return $"messages[{i}] is null";
            }

            if (message.CommunicationId <= 0)
            {
                return $"messages[{i}].communication_id must be a positive integer, not {message.CommunicationId}";
            }

            if (string.IsNullOrWhiteSpace(message.To))
            {
                return $"messages[{i}].to is empty";
            }
        }

        return null;
    }
}
