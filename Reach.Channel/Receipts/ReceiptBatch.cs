using System.Diagnostics;
using System.Text.Json;

namespace Reach.Channel.Receipts;

/// <summary>
/// A signed <c>POST {callback_url}</c> of receipts. Its id (the <c>webhook-id</c> header, <c>rb_…</c>) and body stay the
/// same on every retry, so the CRM can recognise a retried batch; only <c>webhook-timestamp</c> and the signature change.
/// </summary>
public sealed class ReceiptBatch
{
    /// <summary>Most trace links on a batch's activity.</summary>
    public const int MaxLinks = 32;

    private ReceiptBatch(string id, Uri callbackUrl, Receipt[] receipts, byte[] body, long createdAt, ActivityLink[] links)
    {
        Id = id;
        CallbackUrl = callbackUrl;
        Receipts = receipts;
        Body = body;
        CreatedAt = createdAt;
        Links = links;
    }

    /// <summary>The <c>webhook-id</c>: <c>rb_</c> and 32 hex digits (a version 7 GUID).</summary>
    public string Id { get; }

    /// <summary>Where the batch goes.</summary>
    public Uri CallbackUrl { get; }

    /// <summary>The receipts, in body order.</summary>
    public IReadOnlyList<Receipt> Receipts { get; }

    /// <summary>The JSON array sent (UTF-8).</summary>
    public byte[] Body { get; }

    /// <summary>When the batch was formed (a <see cref="TimeProvider"/> timestamp): its age bounds retries.</summary>
    public long CreatedAt { get; }

    /// <summary>Links to the traces of the send batches whose messages are in it (distinct, at most <see cref="MaxLinks"/>).</summary>
    public IReadOnlyList<ActivityLink> Links { get; }

    /// <summary>HTTP attempts so far.</summary>
    public int Attempts { get; private set; }

    /// <summary>Counts the start of an attempt and returns its number (1 for the first).</summary>
    public int StartAttempt() => ++Attempts;

    /// <summary>Forms a batch: shuffles the receipts when asked (injected reordering) and serialises them.</summary>
    public static ReceiptBatch Create(Uri callbackUrl, IReadOnlyCollection<Receipt> receipts, bool shuffle, long createdAt)
    {
        var ordered = receipts.ToArray();
        if (shuffle)
        {
            Random.Shared.Shuffle(ordered);
        }

        var body = JsonSerializer.SerializeToUtf8Bytes(ordered.Select(static r => r.Event).ToArray(), ChannelJsonContext.Default.ReceiptEventArray);
        var links = ordered
            .Select(static r => r.Origin.Trace)
            .Where(static context => context != default)
            .Distinct()
            .Take(MaxLinks)
            .Select(static context => new ActivityLink(context))
            .ToArray();
        return new ReceiptBatch("rb_" + Guid.CreateVersion7().ToString("N"), callbackUrl, ordered, body, createdAt, links);
    }
}
