namespace Reach.Crm.Ingest.DemoData;

/// <summary>One catalogue product of the demo brand; <paramref name="BaseRupees"/> is the list price in whole INR.</summary>
internal sealed record DemoProduct(string Sku, string Name, int CategoryIndex, int BaseRupees);
