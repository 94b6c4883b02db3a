namespace Reach.Channel.Simulation;

/// <summary>An entry of the simulator's single timer queue (ordered by due timestamp).</summary>
/// <param name="Kind">What to do.</param>
/// <param name="CommunicationId">For <see cref="ScheduledKind.Lifecycle"/>: the message.</param>
/// <param name="Type">For <see cref="ScheduledKind.Lifecycle"/>: the event to emit.</param>
/// <param name="Payload">For <see cref="ScheduledKind.Resend"/>: the <c>Receipt</c>; for <see cref="ScheduledKind.Retry"/>: the <c>ReceiptBatch</c>.</param>
public readonly record struct ScheduledItem(ScheduledKind Kind, long CommunicationId, ReceiptType Type, object? Payload);
