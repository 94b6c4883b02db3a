namespace Reach.Crm.Ingest.DemoData;

/// <summary>
/// What the demo generator makes (DEMO-DATA.md): how many customers, from which seed, and as of when.
/// The same seed, size and reference time always give the same data.
/// </summary>
/// <param name="Customers">Number of customers, <see cref="MinCustomers"/> to <see cref="MaxCustomers"/> (default 1,000).
/// About 8% never order; the rest place about 4.9 orders of about 2 lines each on average.</param>
/// <param name="Seed">The seed every value derives from (default 42, the seed the copilot evaluation set assumes).</param>
/// <param name="ReferenceTime">"Now" for the data set: every order is at or before it, and "N days ago" in the
/// cohort table counts back from it. Null means the current time when the generator is created.</param>
/// <exception cref="ArgumentOutOfRangeException"><paramref name="Customers"/> is outside 1..1,000,000.</exception>
public sealed record DemoDataOptions(int Customers = 1000, int Seed = 42, DateTimeOffset? ReferenceTime = null)
{
    /// <summary>The smallest number of customers the generator makes.</summary>
    public const int MinCustomers = 1;

    /// <summary>The largest number of customers the generator makes.</summary>
    public const int MaxCustomers = 1_000_000;

    /// <summary>Number of customers to generate, <see cref="MinCustomers"/> to <see cref="MaxCustomers"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside 1..1,000,000.</exception>
    public int Customers
    {
        get;
        init => field = CheckCustomers(value);
    } = CheckCustomers(Customers);

    private static int CheckCustomers(int value) =>
        value is >= MinCustomers and <= MaxCustomers
            ? value
            : throw new ArgumentOutOfRangeException(nameof(Customers), value,
                $"The demo data set has {MinCustomers:N0} to {MaxCustomers:N0} customers; {value:N0} was asked for.");
}
