namespace Reach.AppHost.Configuration;

/// <summary>What the demo seed asks the CRM for (<c>POST /api/ingest/demo?customers=…&amp;seed=…</c>).</summary>
public sealed class DemoDataOptions
{
    /// <summary>Number of customers (1 … 1,000,000). Default 1,000.</summary>
    public int Customers { get; set; } = 1000;

    /// <summary>Generator seed; the same seed gives the same data. Default 42.</summary>
    public int Seed { get; set; } = 42;
}
