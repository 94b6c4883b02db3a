namespace Reach.Crm.Customers;

/// <summary>
/// A person the brand can market to, with per-channel consent and metrics maintained at ingest
/// (never aggregated from orders at query time). When a campaign last reached them is kept off this wide, much-indexed
/// row, in <see cref="CustomerContact"/>.
/// </summary>
public sealed class Customer
{
    public long Id { get; set; }

    /// <summary>The source system's id (unique); null for customers known only by e-mail.</summary>
    public string? ExternalId { get; set; }

    public string? Name { get; set; }
    public string? FirstName { get; set; }

    /// <summary>Lower-case e-mail, unique when present.</summary>
    public string? Email { get; set; }

    /// <summary>E.164 phone number, e.g. <c>+919812345678</c>.</summary>
    public string? Phone { get; set; }

    public string? City { get; set; }
    public string? Country { get; set; }

    /// <summary><c>female</c>, <c>male</c>, <c>other</c> or null.</summary>
    public string? Gender { get; set; }

    /// <summary>Lower-case tags, e.g. <c>vip</c>.</summary>
    public string[] Tags { get; set; } = [];

    /// <summary>Signup time (UTC).</summary>
    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>True when e-mail, phone and consent were synthesised (Online Retail contact overlay).</summary>
    public bool IsSynthetic { get; set; }

    public DateTimeOffset? EmailOptInAt { get; set; }
    public DateTimeOffset? EmailOptOutAt { get; set; }
    public DateTimeOffset? SmsOptInAt { get; set; }
    public DateTimeOffset? SmsOptOutAt { get; set; }
    public DateTimeOffset? WhatsappOptInAt { get; set; }
    public DateTimeOffset? WhatsappOptOutAt { get; set; }
    public DateTimeOffset? RcsOptInAt { get; set; }
    public DateTimeOffset? RcsOptOutAt { get; set; }

    /// <summary>First non-cancelled order (UTC); null without orders.</summary>
    public DateTimeOffset? FirstOrderAt { get; set; }

    /// <summary>Most recent non-cancelled order (UTC); null without orders.</summary>
    public DateTimeOffset? LastOrderAt { get; set; }

    /// <summary>Non-cancelled orders.</summary>
    public int OrderCount { get; set; }

    /// <summary>Net spend in the store currency: orders minus cancellations (credit notes).</summary>
    public decimal TotalSpent { get; set; }

    /// <summary><see cref="TotalSpent"/> / <see cref="OrderCount"/>, 0 without orders.</summary>
    public decimal AvgOrderValue { get; set; }

    /// <summary>Product name of the most recent order's first line.</summary>
    public string? LastItem { get; set; }

    /// <summary>Categories bought at least once (lower-case).</summary>
    public string[] Categories { get; set; } = [];

    /// <summary>Ids of products bought at least once (<see cref="Product.Id"/>).</summary>
    public int[] ProductIds { get; set; } = [];
}
