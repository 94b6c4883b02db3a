namespace Reach.Channel.Simulation;

/// <summary>The messaging channels the simulator plays (ARCHITECTURE §7). Wire names: <c>whatsapp</c>, <c>sms</c>, <c>email</c>, <c>rcs</c>.</summary>
public enum ChannelKind : byte
{
    /// <summary>WhatsApp Business messages: delivered, opened, read, clicked, converted.</summary>
    WhatsApp,

    /// <summary>SMS: no open or read receipts; clicks are counted from delivery.</summary>
    Sms,

    /// <summary>E-mail: opens (tracking pixel), reads, clicks, conversions.</summary>
    Email,

    /// <summary>RCS business messaging: like WhatsApp.</summary>
    Rcs,
}
