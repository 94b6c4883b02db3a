using System.Diagnostics.CodeAnalysis;

namespace Reach.Channel.Simulation;

/// <summary>Wire names of <see cref="ChannelKind"/>.</summary>
public static class ChannelKinds
{
    /// <summary>The accepted wire names, lower case.</summary>
    public static IReadOnlyList<string> WireNames { get; } = ["whatsapp", "sms", "email", "rcs"];

    /// <summary>The wire name of a channel (<c>whatsapp</c>, <c>sms</c>, <c>email</c>, <c>rcs</c>).</summary>
    public static string ToWireName(this ChannelKind channel) => channel switch
    {
        ChannelKind.WhatsApp => "whatsapp",
        ChannelKind.Sms => "sms",
        ChannelKind.Email => "email",
        ChannelKind.Rcs => "rcs",
        _ => throw new ArgumentOutOfRangeException(nameof(channel), channel, null),
    };

    /// <summary>Parses a wire name, ignoring case.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out ChannelKind channel)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "whatsapp": channel = ChannelKind.WhatsApp; return true;
            case "sms": channel = ChannelKind.Sms; return true;
            case "email": channel = ChannelKind.Email; return true;
            case "rcs": channel = ChannelKind.Rcs; return true;
            default: channel = default; return false;
        }
    }
}
