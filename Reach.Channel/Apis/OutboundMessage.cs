namespace Reach.Channel.Apis;

/// <summary>One message of a send batch: <c>{ "communication_id": 42, "to": "+919800000042", "body": "Hi Asha, …" }</c>.</summary>
/// <param name="CommunicationId">The CRM's communication id: the de-duplication key, and the id every receipt carries.</param>
/// <param name="To">Recipient address (phone number or e-mail); must not be empty.</param>
/// <param name="Body">Rendered message text.</param>
public sealed record OutboundMessage(long CommunicationId, string To, string Body);
