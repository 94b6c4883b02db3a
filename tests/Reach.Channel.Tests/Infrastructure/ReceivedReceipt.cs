namespace Reach.Channel.Tests.Infrastructure;

/// <summary>A receipt as the callback received it (parsed independently of the channel's own types).</summary>
public sealed record ReceivedReceipt(string EventId, long CommunicationId, string Type, DateTime OccurredAt, string? Reason, decimal? OrderValue, string? Currency);
