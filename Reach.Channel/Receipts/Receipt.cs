using Reach.Channel.Simulation;

namespace Reach.Channel.Receipts;

/// <summary>A receipt waiting to be sent, with the batch of messages it came from.</summary>
/// <param name="Event">What the CRM receives.</param>
/// <param name="Origin">Campaign, callback and trace context of the message.</param>
public sealed record Receipt(ReceiptEvent Event, MessageOrigin Origin);
