using System.Runtime.CompilerServices;
using Reach.Crm.Ingest.DemoData;

namespace Reach.Crm.Ingest;

/// <summary>Writes the demo brand's generated customers and orders through the same bulk path as an upload.</summary>
public sealed class DemoDataSeeder(IngestService ingest, TimeProvider time, ILogger<DemoDataSeeder> logger)
{
    /// <summary>
    /// Generates and ingests <paramref name="options"/>' customers and their orders, each import in its own transaction:
    /// the order lines are generated and staged while the customers are merged (two connections, so both cores work),
    /// and the orders are merged once the customers have committed.
    /// </summary>
    /// <returns>The customer report and the order report.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The size is outside 1 … 1,000,000.</exception>
    public async Task<(IngestReport Customers, IngestReport Orders)> SeedAsync(DemoDataOptions options, CancellationToken ct)
    {
        var generator = new DemoDataGenerator(options, options.ReferenceTime ?? time.GetUtcNow());
        using var ordersCancel = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var customersImport = ImportCustomersAsync();
        var ordersImport = ingest.ImportOrdersAsync(
            new("demo", Numbered(generator.OrderLines(), ordersCancel.Token), []), OrderCustomers.MustExist, customersImport, ordersCancel.Token);
        await Task.WhenAll(customersImport, ordersImport); // a fault (the customers') outranks the cancellation it caused

        var (customers, orders) = (await customersImport, await ordersImport);
        logger.LogInformation("Seeded demo data: {Customers} customers, {Orders} orders (seed {Seed})",
            customers.Rows.Read, orders.Orders?.Inserted, options.Seed);
        return (customers, orders);

        // A failed customers import stops the orders' generation at once rather than after all of it is staged.
        async Task<IngestReport> ImportCustomersAsync()
        {
            try
            {
                return await ingest.ImportCustomersAsync(new("demo", Numbered(generator.Customers(), ct), []), ct);
            }
            catch
            {
                await ordersCancel.CancelAsync();
                throw;
            }
        }
    }

    private static async IAsyncEnumerable<ParsedRow<T>> Numbered<T>(IEnumerable<T> items, [EnumeratorCancellation] CancellationToken ct)
        where T : class
    {
        long line = 0;
        foreach (var item in items)
        {
            if ((++line & 0xFFFF) == 0)
            {
                ct.ThrowIfCancellationRequested();
                await Task.Yield();
            }

            yield return ParsedRow<T>.Ok(line, item);
        }
    }
}
