namespace Reach.Channel.Simulation;

/// <summary>What a timer queue entry does when it falls due.</summary>
public enum ScheduledKind : byte
{
    /// <summary>Emit a message's next lifecycle event.</summary>
    Lifecycle,

    /// <summary>Send an already emitted receipt (a held-back event or an injected duplicate).</summary>
    Resend,

    /// <summary>Retry a receipt batch.</summary>
    Retry,
}
