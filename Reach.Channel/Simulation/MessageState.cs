namespace Reach.Channel.Simulation;

/// <summary>
/// What the simulator keeps per message: 8 bytes (plus the dictionary's 16 per entry), so a million messages take
/// about 25 MB. Everything else (reason, order value, next step) is recomputed from the seed.
/// </summary>
/// <param name="origin">Index of the message's <see cref="MessageOrigin"/>.</param>
public struct MessageState(int origin)
{
    /// <summary>Index of the message's <see cref="MessageOrigin"/>.</summary>
    public int Origin = origin;

    /// <summary>The last event emitted (events are emitted in lifecycle order, so it is the furthest stage).</summary>
    public ReceiptType Furthest;

    /// <summary>Bit <c>1 &lt;&lt; type</c> is set for every event type emitted.</summary>
    public byte Emitted;
}
