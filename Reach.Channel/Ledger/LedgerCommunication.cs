namespace Reach.Channel.Ledger;

/// <summary>One message in the ledger's detail (<c>?detail=true</c>).</summary>
/// <param name="CommunicationId">The message.</param>
/// <param name="Stage">Its furthest event so far (<c>queued</c> before <c>sent</c>).</param>
/// <param name="Events">Event types emitted so far, in lifecycle order.</param>
/// <param name="EventIds">Their <c>event_id</c>s, in the same order.</param>
/// <param name="Reason">For a failed message, the reason.</param>
/// <param name="OrderValue">For a converted message, the order value in the campaign's currency.</param>
public sealed record LedgerCommunication(
    long CommunicationId,
    string Stage,
    IReadOnlyList<string> Events,
    IReadOnlyList<string> EventIds,
    string? Reason = null,
    decimal? OrderValue = null);
