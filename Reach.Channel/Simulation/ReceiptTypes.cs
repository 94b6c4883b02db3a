namespace Reach.Channel.Simulation;

/// <summary>Wire names and funnel order of <see cref="ReceiptType"/>.</summary>
public static class ReceiptTypes
{
    /// <summary>Every event type, in lifecycle order.</summary>
    public static IReadOnlyList<ReceiptType> All { get; } =
        [ReceiptType.Sent, ReceiptType.Delivered, ReceiptType.Failed, ReceiptType.Opened, ReceiptType.Read, ReceiptType.Clicked, ReceiptType.Converted];

    /// <summary>The wire name: <c>sent</c>, <c>delivered</c>, <c>failed</c>, <c>opened</c>, <c>read</c>, <c>clicked</c>, <c>converted</c> (<c>queued</c> for <see cref="ReceiptType.None"/>).</summary>
    public static string ToWireName(this ReceiptType type) => type switch
    {
        ReceiptType.None => "queued",
        ReceiptType.Sent => "sent",
        ReceiptType.Delivered => "delivered",
        ReceiptType.Failed => "failed",
        ReceiptType.Opened => "opened",
        ReceiptType.Read => "read",
        ReceiptType.Clicked => "clicked",
        ReceiptType.Converted => "converted",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    /// <summary>Whether a message whose furthest event is <paramref name="furthest"/> has reached <paramref name="stage"/> or a later funnel stage (<see cref="ReceiptType.Failed"/> reaches only itself and <see cref="ReceiptType.Sent"/>).</summary>
    public static bool Reached(this ReceiptType furthest, ReceiptType stage) => stage switch
    {
        ReceiptType.None => true,
        ReceiptType.Failed => furthest == ReceiptType.Failed,
        ReceiptType.Sent => furthest != ReceiptType.None,
        _ => furthest != ReceiptType.Failed && furthest >= stage,
    };

    /// <summary>The event id of a message's event: <c>evt_{communication_id}_{type}</c>, e.g. <c>evt_1234_delivered</c>. Unique per (communication, type); injected duplicates repeat it.</summary>
    public static string EventId(long communicationId, ReceiptType type) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"evt_{communicationId}_{type.ToWireName()}");
}
