using System.Collections.Frozen;

namespace Reach.Crm.Campaigns;

/// <summary>
/// The ordered stages of a communication (ARCHITECTURE §8): queued &lt; dispatched &lt; sent &lt; delivered &lt; opened &lt;
/// read &lt; clicked &lt; converted. <c>failed</c> is not a stage but a flag that counts only without delivery evidence.
/// </summary>
public static class CommunicationStage
{
    public const short Queued = 0, Dispatched = 1, Sent = 2, Delivered = 3, Opened = 4, Read = 5, Clicked = 6, Converted = 7;

    /// <summary>Stage names by rank.</summary>
    public static readonly IReadOnlyList<string> Names = ["queued", "dispatched", "sent", "delivered", "opened", "read", "clicked", "converted"];

    /// <summary>The receipt types the channel sends: every stage from <c>sent</c> on, and <c>failed</c>.</summary>
    public static readonly IReadOnlyList<string> ReceiptTypes = ["sent", "delivered", "failed", "opened", "read", "clicked", "converted"];

    private static readonly FrozenDictionary<string, short> Ranks =
        Names.Select((name, rank) => KeyValuePair.Create(name, (short)rank)).ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The rank of a receipt type; -1 for <c>failed</c> (and any name that is not a stage).</summary>
    /// <remarks>Called once per receipt event: a frozen look-up, no allocation.</remarks>
    public static short Rank(string type) => Ranks.GetValueOrDefault(type, (short)-1);

    /// <summary>The name of a rank.</summary>
    public static string Name(short stage) => stage >= 0 && stage < Names.Count ? Names[stage] : "unknown";
}
