namespace Reach.Crm.Segmentation;

/// <summary>
/// SQL for channels over the <c>customers</c> table aliased <c>c</c>: consent (opted in, and not opted out
/// since) and an address (phone for WhatsApp, SMS and RCS; e-mail for e-mail). Channel names come from the
/// closed list <see cref="Channels"/>, never from input text.
/// </summary>
public static class ChannelSql
{
    /// <summary>The channels: <c>whatsapp</c>, <c>sms</c>, <c>email</c>, <c>rcs</c>.</summary>
    public static readonly IReadOnlyList<string> Channels = ["whatsapp", "sms", "email", "rcs"];

    /// <summary>The customer has opted in to <paramref name="channel"/> and not opted out since.</summary>
    /// <exception cref="ArgumentException">Not one of <see cref="Channels"/>.</exception>
    public static string Consented(string channel)
    {
        Check(channel);
        return $"(c.{channel}_opt_in_at IS NOT NULL AND (c.{channel}_opt_out_at IS NULL OR c.{channel}_opt_out_at < c.{channel}_opt_in_at))";
    }

    /// <summary>The customer has an address for <paramref name="channel"/>.</summary>
    public static string HasAddress(string channel)
    {
        Check(channel);
        return channel == "email" ? "c.email IS NOT NULL" : "c.phone IS NOT NULL";
    }

    /// <summary>The column holding the address for <paramref name="channel"/>.</summary>
    public static string AddressColumn(string channel)
    {
        Check(channel);
        return channel == "email" ? "c.email" : "c.phone";
    }

    /// <summary>Consent and address: the customer can be reached on <paramref name="channel"/>.</summary>
    public static string Reachable(string channel) => $"({Consented(channel)} AND {HasAddress(channel)})";

    /// <summary>
    /// The channel's bit in <c>segment_facts</c>' <c>consented</c> and <c>reachable</c> columns: whatsapp 1, sms 2, email 4,
    /// rcs 8 (its place in <see cref="Channels"/>; the migration <c>SegmentFacts</c> computes them with
    /// <see cref="Consented"/> and <see cref="Reachable"/>).
    /// </summary>
    public static int Bit(string channel)
    {
        Check(channel);
        return 1 << Channels.ToList().IndexOf(channel);
    }

    /// <summary><see cref="Consented"/>, read from the segment facts aliased <c>f</c>.</summary>
    public static string ConsentedFact(string channel) => $"((f.consented & {Bit(channel)}) <> 0)";

    /// <summary><see cref="Reachable"/>, read from the segment facts aliased <c>f</c>.</summary>
    public static string ReachableFact(string channel) => $"((f.reachable & {Bit(channel)}) <> 0)";

    private static void Check(string channel)
    {
        if (!Channels.Contains(channel))
        {
            throw new ArgumentException($"'{channel}' is not a channel; allowed: {string.Join(", ", Channels)}", nameof(channel));
        }
    }
}
