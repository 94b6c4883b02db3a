namespace Reach.Channel.Tests.Infrastructure;

/// <summary>One request the callback received.</summary>
/// <param name="Sequence">Arrival order, from 1.</param>
/// <param name="WebhookId">The <c>webhook-id</c> header.</param>
/// <param name="SignatureError">Why the signature did not verify, or null.</param>
/// <param name="Status">The status the callback answered.</param>
/// <param name="Body">The raw body.</param>
/// <param name="Receipts">The parsed receipts.</param>
/// <param name="ReceivedAt">When it arrived.</param>
public sealed record ReceivedBatch(int Sequence, string WebhookId, string? SignatureError, int Status, string Body, IReadOnlyList<ReceivedReceipt> Receipts, DateTimeOffset ReceivedAt)
{
    /// <summary>A short description for assertion messages (the body can be large).</summary>
    public override string ToString() => $"#{Sequence} {WebhookId} → {Status}, {Receipts.Count} receipts{(SignatureError is null ? "" : $", signature: {SignatureError}")}";
}
