namespace Reach.Channel.Simulation;

/// <summary>A message's next event and how long after the previous one it happens, in simulated seconds (before the time scale).</summary>
public readonly record struct PlannedEvent(ReceiptType Type, double DelaySeconds);
