namespace Reach.Channel.Receipts;

/// <summary>Receipts for one callback URL, ready to become a batch.</summary>
/// <param name="CallbackUrl">Where they go.</param>
/// <param name="Receipts">At most <see cref="ReceiptOptions.MaxBatchSize"/> receipts.</param>
public readonly record struct ReceiptChunk(Uri CallbackUrl, List<Receipt> Receipts);
