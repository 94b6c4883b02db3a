namespace Reach.Channel.Simulation;

/// <summary>Per-channel probabilities, section <c>Reach:Channel:Lifecycle</c>; defaults from the table of ARCHITECTURE §7.</summary>
public sealed class LifecycleOptions
{
    /// <summary>WhatsApp: delivered 0.95, opened 0.70, read 0.90, clicked 0.35, converted 0.22.</summary>
    public ChannelLifecycle WhatsApp { get; set; } = new() { Delivered = 0.95, Opened = 0.70, Read = 0.90, Clicked = 0.35, Converted = 0.22 };

    /// <summary>RCS: delivered 0.93, opened 0.65, read 0.85, clicked 0.30, converted 0.20.</summary>
    public ChannelLifecycle Rcs { get; set; } = new() { Delivered = 0.93, Opened = 0.65, Read = 0.85, Clicked = 0.30, Converted = 0.20 };

    /// <summary>E-mail: delivered 0.97, opened 0.45, read 0.80, clicked 0.20, converted 0.12.</summary>
    public ChannelLifecycle Email { get; set; } = new() { Delivered = 0.97, Opened = 0.45, Read = 0.80, Clicked = 0.20, Converted = 0.12 };

    /// <summary>SMS: delivered 0.98, no opens or reads, clicked 0.18 of delivered, converted 0.10.</summary>
    public ChannelLifecycle Sms { get; set; } = new() { Delivered = 0.98, Clicked = 0.18, Converted = 0.10, TracksOpens = false };

    /// <summary>The probabilities of one channel.</summary>
    public ChannelLifecycle For(ChannelKind channel) => channel switch
    {
        ChannelKind.WhatsApp => WhatsApp,
        ChannelKind.Sms => Sms,
        ChannelKind.Email => Email,
        ChannelKind.Rcs => Rcs,
        _ => throw new ArgumentOutOfRangeException(nameof(channel), channel, null),
    };
}
