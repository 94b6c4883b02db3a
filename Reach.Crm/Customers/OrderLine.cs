namespace Reach.Crm.Customers;

/// <summary>One line of an order; keyed by (order, line number).</summary>
public sealed class OrderLine
{
    public long OrderId { get; set; }

    /// <summary>1-based position within the order.</summary>
    public int LineNo { get; set; }

    public required string Sku { get; set; }
    public required string ProductName { get; set; }
    public string? Category { get; set; }

    /// <summary>Units; negative on a cancellation.</summary>
    public int Quantity { get; set; }

    /// <summary>Price per unit; three decimals because Online Retail sells items at £0.001.</summary>
    public decimal UnitPrice { get; set; }
}
