using System.Globalization;
using System.Text.Json;
using Reach.Bench.Infrastructure;
using Reach.Bench.Reporting;

namespace Reach.Bench.Scenarios;

/// <summary>
/// Generates the demo brand into a fresh database with <c>Reach.Crm seed-demo --customers N --seed 42</c>
/// (N from <c>--customers</c>, default 1,000,000) and reports its wall time, the CRM's peak memory and the rows written.
/// Baseline: the order lines it wrote, copied by a bare <c>INSERT … SELECT</c> into an unlogged table without indexes
/// right after — it shows which stretch of the machine's speed the run met.
/// The database is kept for the rest of the run (<see cref="BenchContext.Demo"/>): the segmentation and campaign
/// scenarios work on it.
/// </summary>
public sealed class DemoGenerationScenario : IScenario
{
    private const string ScenarioName = "demo-generation";
    private const int TargetCustomers = 1_000_000;
    private static readonly Target WallTarget = Target.AtMost(180, "s");

    /// <inheritdoc />
    public string Name => ScenarioName;

    /// <inheritdoc />
    public IReadOnlyList<string> Tags { get; } = ["ingest"];

    /// <inheritdoc />
    public string Description => "generate and ingest the demo brand (seed-demo) in a fresh database, kept for the later scenarios";

    /// <inheritdoc />
    public async Task RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var n = context.Options.Customers;
        var results = context.Results;
        var (demo, run) = await context.GenerateDemoDatabaseAsync(cancellationToken);
        var cs = demo.ConnectionString;
        var size = n.ToString("N0", CultureInfo.InvariantCulture);

        // Which stretch of the machine's speed the seed ran in (a VM's can swing by 40 % within an hour): the order lines it
        // wrote, copied once by a bare INSERT … SELECT into an unlogged table without indexes, right after.
        Progress.Write("  baseline: bare INSERT … SELECT of the order lines into an unlogged table without indexes");
        var (baselineTime, baselineRows) = await BareInsert.TimeAsync(cs, "bench_demo_baseline",
            "(order_id bigint, line_no int, sku text, product_name text, category text, quantity int, unit_price numeric)",
            "SELECT order_id, line_no, sku, product_name, category, quantity, unit_price FROM order_lines", cancellationToken);
        var baseline = new Baseline("bare INSERT … SELECT of the order lines (unlogged, no indexes)", baselineTime.TotalSeconds, "s",
            baselineRows.ToString("N0", CultureInfo.InvariantCulture) + " rows");

        // The wall-time target is set for the full 1,000,000-customer brand; smaller runs are reported only.
        results.Record(ScenarioName, $"seed-demo wall time, {size} customers (incl. startup, migrations)", run.Wall.TotalSeconds, "s",
            baseline, n == TargetCustomers ? WallTarget : null);
        results.Record(ScenarioName, "peak RSS of CRM process (reported; the 1M-launch target ≤ 600 MB applies later)", run.PeakRssMb, "MB");

        var reports = CrmOutput.ParseReport(run.StandardOutput);
        if (reports.ValueKind == JsonValueKind.Array && reports.GetArrayLength() == 2)
        {
            Phase(results, "customers phase: CRM-reported time (elapsedMs)", reports[0]);
            Phase(results, "orders phase: CRM-reported time (elapsedMs)", reports[1]);
        }
        else
        {
            results.Note(ScenarioName, "CRM report", "expected [customers report, orders report]; got " + reports.ValueKind);
        }

        var customers = await BenchContext.ScalarAsync<long>(cs, "SELECT count(*) FROM customers", cancellationToken);
        var orders = await BenchContext.ScalarAsync<long>(cs, "SELECT count(*) FROM orders", cancellationToken);
        var lines = await BenchContext.ScalarAsync<long>(cs, "SELECT count(*) FROM order_lines", cancellationToken);
        results.Record(ScenarioName, "customers in database", customers, "");
        results.Record(ScenarioName, "orders in database", orders, "");
        results.Record(ScenarioName, "order lines in database", lines, "");
        var databaseSize = await BenchContext.ScalarAsync<string>(cs, "SELECT pg_size_pretty(pg_database_size(current_database()))", cancellationToken);
        results.Note(ScenarioName, "database size", databaseSize);
        var lastOrder = await BenchContext.ScalarAsync<string>(cs,
            "SELECT coalesce(to_char(max(last_order_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS') || 'Z', 'none') FROM customers", cancellationToken);
        results.Note(ScenarioName, "reference time of the data (CRM's Reach:Segmentation:AsOf in later scenarios)",
            $"{demo.ReferenceTime:yyyy-MM-dd HH:mm:ss}Z (seed-demo start; latest order {lastOrder})");
    }

    private static void Phase(ResultLog results, string figure, JsonElement report)
    {
        if (CrmOutput.Number(report, "elapsedMs") is { } ms)
        {
            results.Record(ScenarioName, figure, ms / 1000.0, "s");
        }
    }
}
