namespace Reach.Crm.Ingest;

/// <summary>
/// One customer as it enters the bulk path (CSV, JSON, the Online Retail overlay or the demo generator).
/// Text is trimmed; <paramref name="Email"/> is normalised to lower case; <paramref name="Phone"/> is E.164.
/// </summary>
/// <param name="ExternalId">The source system's id; when null the customer is matched by e-mail.</param>
/// <param name="Tags">Lower-case tags, e.g. <c>vip</c>.</param>
/// <param name="CreatedAt">Signup time (UTC); null means "now" at ingest.</param>
/// <param name="Consent">Per-channel opt-in/opt-out times.</param>
/// <param name="IsSynthetic">True when the contact details were made up (Online Retail overlay) and must be shown as such.</param>
public sealed record CustomerRecord(
    string? ExternalId,
    string? Name,
    string? FirstName,
    string? Email,
    string? Phone,
    string? City,
    string? Country,
    string? Gender,
    string[] Tags,
    DateTimeOffset? CreatedAt,
    ConsentRecord Consent,
    bool IsSynthetic = false);

/// <summary>Per-channel consent: when the customer opted in and (optionally) out. A channel is consented when
/// opted in and not opted out after that.</summary>
public sealed record ConsentRecord(
    DateTimeOffset? EmailOptInAt = null,
    DateTimeOffset? EmailOptOutAt = null,
    DateTimeOffset? SmsOptInAt = null,
    DateTimeOffset? SmsOptOutAt = null,
    DateTimeOffset? WhatsappOptInAt = null,
    DateTimeOffset? WhatsappOptOutAt = null,
    DateTimeOffset? RcsOptInAt = null,
    DateTimeOffset? RcsOptOutAt = null)
{
    /// <summary>No consent on any channel.</summary>
    public static readonly ConsentRecord None = new();
}

/// <summary>
/// One order line as it enters the bulk path. Lines sharing <paramref name="OrderExternalId"/> form one order.
/// A cancellation (credit note) has <paramref name="IsCancellation"/> set and negative quantities; it lowers
/// the customer's total spent and is not counted as an order.
/// </summary>
/// <param name="OrderedAt">Order time, UTC.</param>
/// <param name="Currency">ISO 4217 code, e.g. <c>INR</c> or <c>GBP</c>.</param>
/// <param name="Quantity">Units; negative on a cancellation.</param>
/// <param name="UnitPrice">Price per unit in <paramref name="Currency"/>, never negative.</param>
/// <param name="CustomerCountry">The customer's country as the order states it (Online Retail), used when customers are created from orders.</param>
public sealed record OrderLineRecord(
    string OrderExternalId,
    string CustomerExternalId,
    DateTimeOffset OrderedAt,
    string Currency,
    bool IsCancellation,
    string Sku,
    string ProductName,
    string? Category,
    int Quantity,
    decimal UnitPrice,
    string? CustomerCountry = null);
