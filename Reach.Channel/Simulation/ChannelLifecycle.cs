namespace Reach.Channel.Simulation;

/// <summary>
/// One channel's conditional probabilities (0–1), keys <c>Reach:Channel:Lifecycle:{channel}:{Name}</c>. Defaults are
/// the table of ARCHITECTURE §7; each is conditional on the stage before it.
/// </summary>
public sealed class ChannelLifecycle
{
    /// <summary>P(delivered | sent); otherwise the message fails with a reason.</summary>
    public double Delivered { get; set; }

    /// <summary>P(opened | delivered). Ignored when <see cref="TracksOpens"/> is false (SMS).</summary>
    public double Opened { get; set; }

    /// <summary>P(read | opened). Ignored when <see cref="TracksOpens"/> is false (SMS).</summary>
    public double Read { get; set; }

    /// <summary>P(clicked | opened), or P(clicked | delivered) when <see cref="TracksOpens"/> is false (SMS). Independent of read.</summary>
    public double Clicked { get; set; }

    /// <summary>P(converted | clicked).</summary>
    public double Converted { get; set; }

    /// <summary>Whether the channel reports opens and reads (false for SMS: clicks follow delivery directly).</summary>
    public bool TracksOpens { get; set; } = true;
}
