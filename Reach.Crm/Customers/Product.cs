namespace Reach.Crm.Customers;

/// <summary>The catalogue the copilot matches words against; filled from ingested order lines.</summary>
public sealed class Product
{
    public int Id { get; set; }
    public required string Sku { get; set; }
    public required string Name { get; set; }

    /// <summary>Lower-case category, or null when the source has none (Online Retail).</summary>
    public string? Category { get; set; }
}
