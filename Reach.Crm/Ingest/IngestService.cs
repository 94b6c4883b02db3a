using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;
using Npgsql;
using Reach.Crm.Ingest.Bulk;

namespace Reach.Crm.Ingest;

/// <summary>
/// The bulk ingest path (ARCHITECTURE §4): rows are streamed with <c>COPY</c> into staging tables and merged
/// with a few set-based statements in one transaction, so a failure leaves nothing half-written, and customer
/// metrics are recomputed for the customers touched. Uploads stage side by side; their merges are serialised by an advisory lock.
/// </summary>
public sealed class IngestService(NpgsqlDataSource dataSource, IOptions<IngestOptions> options, TimeProvider time, ILogger<IngestService> logger)
{
    /// <summary>Customers rewritten by one load from which their table is vacuumed right after it.</summary>
    private const int LargeLoadRows = 50_000;

    private static readonly ActivitySource Activity = new("Reach.Crm.Ingest");
    private static readonly Meter Meter = new("Reach.Crm");
    private static readonly Counter<long> RowsCounter = Meter.CreateCounter<long>("reach.ingest.rows", "{row}", "Rows read by ingest, by outcome");

    /// <summary>Upserts customers.</summary>
    /// <exception cref="Formats.IngestFormatException">The input cannot be read as a whole (missing header column, empty file).</exception>
    /// <exception cref="System.Text.Json.JsonException">A JSON body is malformed.</exception>
    public async Task<IngestReport> ImportCustomersAsync(IngestSource<CustomerRecord> source, CancellationToken ct)
    {
        using var activity = Activity.StartActivity("ingest customers");
        await using var run = await IngestRun.BeginAsync(dataSource, time, CustomerStaging.CreateSql, ct);
        var (conn, tx, started, now, rejections) = (run.Connection, run.Transaction, run.Started, run.Now, run.Rejections);
        var (read, skipped) = await CustomerStaging.CopyAsync(conn, source.Rows, rejections, ct);
        await run.LockForMergeAsync(ct);
        var customers = await CustomerMerge.MergeAsync(conn, now, options.Value.IndexRebuildMinimumRows, rejections, ct);
        await tx.CommitAsync(ct);

        var report = new IngestReport("customers", source.Format,
            new RowCounts(read, customers.Inserted, customers.Updated, customers.Unchanged, rejections.Count, skipped),
            customers, null, rejections.Listed, source.Warnings, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        Record(report, activity);
        return report;
    }

    /// <summary>Upserts orders (one row per order line) and recomputes the touched customers' metrics.</summary>
    /// <param name="source">The rows.</param>
    /// <param name="customers">Whether rows may create customers (Online Retail, where customers exist only through orders) and with which overlay.</param>
    /// <param name="ct">Cancellation.</param>
    /// <exception cref="Formats.IngestFormatException">The input cannot be read as a whole.</exception>
    public Task<IngestReport> ImportOrdersAsync(IngestSource<OrderLineRecord> source, OrderCustomers customers, CancellationToken ct) =>
        ImportOrdersAsync(source, customers, null, ct);

    /// <summary>
    /// As <see cref="ImportOrdersAsync(IngestSource{OrderLineRecord}, OrderCustomers, CancellationToken)"/>, but the lines
    /// are staged (copied and grouped into orders, in this import's own transaction) while <paramref name="mergeAfter"/>
    /// runs, and merged only once it has completed — so the demo seeder streams its orders while the customers they
    /// name are still being merged on another connection (each merge statement reads what is committed when it starts).
    /// </summary>
    /// <param name="source">The rows.</param>
    /// <param name="customers">Whether rows may create customers and with which overlay.</param>
    /// <param name="mergeAfter">What must have completed before the merge (null: nothing); if it fails, this import
    /// fails with its exception and nothing of it is written.</param>
    /// <param name="ct">Cancellation.</param>
    /// <exception cref="Formats.IngestFormatException">The input cannot be read as a whole.</exception>
    public async Task<IngestReport> ImportOrdersAsync(IngestSource<OrderLineRecord> source, OrderCustomers customers, Task? mergeAfter, CancellationToken ct)
    {
        using var activity = Activity.StartActivity("ingest orders");
        await using var run = await IngestRun.BeginAsync(dataSource, time, OrderStaging.CreateSql, ct);
        var (conn, tx, started, now, rejections) = (run.Connection, run.Transaction, run.Started, run.Now, run.Rejections);
        var (read, skipped, runs, runsAscend) = await OrderStaging.CopyAsync(conn, source.Rows, rejections, ct);
        var phase = Phase("copy", started);
        await OrderMerge.GroupAndRejectAsync(conn, runsAscend, rejections, ct);
        phase = Phase("group", phase);
        if (mergeAfter is not null)
        {
            await mergeAfter.WaitAsync(ct);
            phase = Phase("wait", phase);
        }

        await run.LockForMergeAsync(ct);
        // The first orders of a store: their merge may build indexes after the insert (SecondaryIndexes).
        var rebuildFrom = await BulkSql.ScalarAsync(conn, "SELECT count(*) FROM (SELECT 1 FROM orders LIMIT 1) t", now, ct) == 0
            ? options.Value.IndexRebuildMinimumRows
            : long.MaxValue;

        var customerCounts = EntityCounts.Zero;
        if (customers != OrderCustomers.MustExist)
        {
            await BulkSql.ExecAsync(conn, CustomerStaging.CreateSql, now, ct);
            await BulkSql.ExecAsync(conn, customers == OrderCustomers.CreateWithSyntheticContacts
                ? OrderCustomerSql.WithSyntheticContacts
                : OrderCustomerSql.Plain, now, ct);
            customerCounts = await CustomerMerge.MergeAsync(conn, now, options.Value.IndexRebuildMinimumRows, rejections, ct);
            phase = Phase("customers", phase);
        }

        var (orders, inserted, updated, unchanged) = await OrderMerge.MergeAsync(conn, now, runs, customers == OrderCustomers.MustExist, rebuildFrom, rejections, ct);
        phase = Phase("orders", phase);
        if (orders.Inserted + orders.Updated > 5_000)
        {
            // A large load makes the planner's statistics stale (an empty table's stay "empty" until autovacuum):
            // refresh them in the transaction so the metrics recompute gets hash joins, not nested loops.
            await BulkSql.ExecAsync(conn, "ANALYZE orders; ANALYZE order_lines; ANALYZE products", now, ct);
            phase = Phase("analyze", phase);
        }

        var recomputed = await CustomerMetrics.RecomputeAsync(conn, now, rebuildFrom, ct);
        phase = Phase("metrics", phase);
        await tx.CommitAsync(ct);
        phase = Phase("commit", phase);
        if (recomputed >= LargeLoadRows)
        {
            await VacuumCustomersAsync(conn, ct);
            Phase("vacuum", phase);
        }

        logger.LogInformation("Ingested {Format} orders: {Inserted} inserted, {Updated} updated, {Unchanged} unchanged, {Rejected} rejected rows; {Recomputed} customers' metrics recomputed",
            source.Format, orders.Inserted, orders.Updated, orders.Unchanged, rejections.Count, recomputed);

        var report = new IngestReport("orders", source.Format,
            new RowCounts(read, inserted, updated, unchanged, rejections.Count, skipped),
            customerCounts, orders, rejections.Listed, source.Warnings, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        Record(report, activity);
        return report;
    }

    /// <summary>
    /// After a load that rewrote many customers (each metrics update leaves the old row version behind), their table (and its segment facts) is
    /// vacuumed and analysed at once rather than when autovacuum gets to it: audience counts scan that table, and a
    /// vacuumed one has no dead rows to skip, a visibility map (index-only counts) and fresh planner statistics.
    /// </summary>
    private async Task VacuumCustomersAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        await BulkSql.ExecAsync(conn, "VACUUM (ANALYZE) customers, segment_facts", default, ct);
        logger.LogInformation("Vacuumed and analysed customers and segment facts after a large load in {ElapsedMs} ms", (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    private long Phase(string name, long since)
    {
        logger.LogDebug("Ingest phase {Phase} took {ElapsedMs} ms", name, (long)Stopwatch.GetElapsedTime(since).TotalMilliseconds);
        return Stopwatch.GetTimestamp();
    }

    private void Record(IngestReport report, Activity? activity)
    {
        activity?.SetTag("reach.ingest.kind", report.Kind);
        activity?.SetTag("reach.ingest.format", report.Format);
        activity?.SetTag("reach.ingest.rows.read", report.Rows.Read);
        activity?.SetTag("reach.ingest.rows.rejected", report.Rows.Rejected);
        RowsCounter.Add(report.Rows.Inserted, new KeyValuePair<string, object?>("outcome", "inserted"), new("kind", report.Kind));
        RowsCounter.Add(report.Rows.Updated, new KeyValuePair<string, object?>("outcome", "updated"), new("kind", report.Kind));
        RowsCounter.Add(report.Rows.Unchanged, new KeyValuePair<string, object?>("outcome", "unchanged"), new("kind", report.Kind));
        RowsCounter.Add(report.Rows.Rejected, new KeyValuePair<string, object?>("outcome", "rejected"), new("kind", report.Kind));
    }
}

/// <summary>How an order ingest treats customers it names.</summary>
public enum OrderCustomers
{
    /// <summary>Every customer must already exist; rows of unknown customers are rejected.</summary>
    MustExist,

    /// <summary>Customers are created (or updated) from the orders: id, country, first order as signup.</summary>
    Create,

    /// <summary>As <see cref="Create"/>, plus a deterministic synthetic e-mail, phone and consent, marked synthetic.</summary>
    CreateWithSyntheticContacts,
}
