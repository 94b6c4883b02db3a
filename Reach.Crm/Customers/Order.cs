namespace Reach.Crm.Customers;

/// <summary>An order, or a cancellation (credit note) when <see cref="Status"/> is <c>cancelled</c>.</summary>
public sealed class Order
{
    public long Id { get; set; }

    /// <summary>The source system's id (unique), e.g. an Online Retail InvoiceNo.</summary>
    public required string ExternalId { get; set; }

    public long CustomerId { get; set; }

    /// <summary>Order time (UTC).</summary>
    public DateTimeOffset OrderedAt { get; set; }

    /// <summary>Sum of the lines (quantity × unit price) rounded to 2 decimals; negative for a cancellation.</summary>
    public decimal Total { get; set; }

    /// <summary>ISO 4217 code.</summary>
    public required string Currency { get; set; }

    /// <summary><see cref="OrderStatus.Placed"/> or <see cref="OrderStatus.Cancelled"/>.</summary>
    public required string Status { get; set; }

    public int LineCount { get; set; }

    /// <summary>md5 of the order's content; a re-import with the same hash changes nothing.</summary>
    public required string ContentHash { get; set; }
}

/// <summary>Order status values.</summary>
public static class OrderStatus
{
    public const string Placed = "placed";
    public const string Cancelled = "cancelled";
}
