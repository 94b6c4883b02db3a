namespace Reach.Channel.Simulation;

/// <summary>
/// The receipt event types of ARCHITECTURE §7, in lifecycle order. <see cref="Failed"/> ends a message that was
/// not delivered; the others form the funnel <c>sent &lt; delivered &lt; opened &lt; read &lt; clicked &lt; converted</c>.
/// </summary>
public enum ReceiptType : byte
{
    /// <summary>No event yet (the message is queued at the channel).</summary>
    None = 0,

    /// <summary>Handed to the network: always the first event.</summary>
    Sent = 1,

    /// <summary>Reached the device or mailbox.</summary>
    Delivered = 2,

    /// <summary>Not delivered; carries a <c>reason</c>. Terminal.</summary>
    Failed = 3,

    /// <summary>Opened (not reported for SMS).</summary>
    Opened = 4,

    /// <summary>Read (not reported for SMS).</summary>
    Read = 5,

    /// <summary>A link in the message was clicked.</summary>
    Clicked = 6,

    /// <summary>An order followed the click; carries <c>order_value</c> and <c>currency</c>. Terminal.</summary>
    Converted = 7,
}
