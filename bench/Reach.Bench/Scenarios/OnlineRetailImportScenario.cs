using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Npgsql;
using Reach.Bench.Infrastructure;
using Reach.Bench.Reporting;
using Reach.Testing;

namespace Reach.Bench.Scenarios;

/// <summary>
/// Imports the full UCI Online Retail file (541,909 rows) into a fresh database with
/// <c>Reach.Crm import-online-retail &lt;file&gt; --contacts synthetic</c>, then again (an idempotent re-import), and
/// compares with a raw <c>COPY</c> of the same file into a bare unlogged table in the same database.
/// </summary>
public sealed class OnlineRetailImportScenario : IScenario
{
    private const string ScenarioName = "online-retail-import";
    private static readonly Target ImportTarget = Target.AtMost(6, "s");

    /// <inheritdoc />
    public string Name => ScenarioName;

    /// <inheritdoc />
    public IReadOnlyList<string> Tags { get; } = ["ingest"];

    /// <inheritdoc />
    public string Description => "import the Online Retail CSV through the CRM (twice) against a raw COPY of the same file";

    /// <inheritdoc />
    public async Task RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var file = TestData.OnlineRetailCsv;
        if (!File.Exists(file))
        {
            throw new FileNotFoundException("the Online Retail CSV was not found (set REACH_SHARED_DIR)", file);
        }

        var results = context.Results;
        var cs = await context.CreateDatabaseAsync(ScenarioName, cancellationToken);

        // Read the file once so that neither the baseline nor the CRM pays for a cold page cache.
        await WarmPageCacheAsync(file, cancellationToken);

        Progress.Write("  baseline: raw COPY into an unlogged table");
        var (copyTime, copyRows) = await RawCopyAsync(cs, file, cancellationToken);
        var baseline = new Baseline("raw COPY", copyTime.TotalSeconds, "s", copyRows.ToString("N0", CultureInfo.InvariantCulture) + " rows");
        await BenchContext.ExecuteAsync(cs, "CHECKPOINT", cancellationToken);

        string[] args = ["import-online-retail", file, "--contacts", "synthetic"];
        var first = await context.RunCrmAsync(cs, args, cancellationToken);
        var firstReport = CrmOutput.ParseReport(first.StandardOutput);
        results.Record(ScenarioName, "import: CRM-reported time (elapsedMs)", Seconds(firstReport), "s", baseline, ImportTarget);
        results.Record(ScenarioName, "import: wall time of CRM process (incl. startup, migrations)", first.Wall.TotalSeconds, "s", baseline, ImportTarget);
        results.Record(ScenarioName, "import: peak RSS of CRM process", first.PeakRssMb, "MB");
        results.Note(ScenarioName, "import: rows", Rows(firstReport));

        var second = await context.RunCrmAsync(cs, args, cancellationToken);
        var secondReport = CrmOutput.ParseReport(second.StandardOutput);
        results.Record(ScenarioName, "re-import (unchanged): CRM-reported time (elapsedMs)", Seconds(secondReport), "s", baseline);
        results.Record(ScenarioName, "re-import (unchanged): wall time of CRM process", second.Wall.TotalSeconds, "s", baseline);
        results.Record(ScenarioName, "re-import (unchanged): peak RSS of CRM process", second.PeakRssMb, "MB");
        var changed = (CrmOutput.Number(secondReport, "rows", "inserted") ?? 0) + (CrmOutput.Number(secondReport, "rows", "updated") ?? 0);
        results.Note(ScenarioName, "re-import: rows", (changed == 0 ? "idempotent: " : $"NOT idempotent ({changed:N0} rows changed): ") + Rows(secondReport));

        var customers = await BenchContext.ScalarAsync<long>(cs, "SELECT count(*) FROM customers", cancellationToken);
        var orders = await BenchContext.ScalarAsync<long>(cs, "SELECT count(*) FROM orders", cancellationToken);
        var lines = await BenchContext.ScalarAsync<long>(cs, "SELECT count(*) FROM order_lines", cancellationToken);
        results.Note(ScenarioName, "database after import", $"{customers:N0} customers, {orders:N0} orders, {lines:N0} order lines");
    }

    private static double Seconds(JsonElement report) =>
        (CrmOutput.Number(report, "elapsedMs") ?? throw new FormatException("the import report has no elapsedMs")) / 1000.0;

    private static string Rows(JsonElement report)
    {
        string N(params string[] path) => (CrmOutput.Number(report, path) ?? 0).ToString("N0", CultureInfo.InvariantCulture);
        return $"read {N("rows", "read")}, inserted {N("rows", "inserted")}, updated {N("rows", "updated")}, " +
               $"unchanged {N("rows", "unchanged")}, skipped {N("rows", "skipped")}, rejected {N("rows", "rejected")}; " +
               $"customers +{N("customers", "inserted")}/~{N("customers", "updated")}, orders +{N("orders", "inserted")}/~{N("orders", "updated")}";
    }

    private static async Task WarmPageCacheAsync(string file, CancellationToken ct)
    {
        await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
        var buffer = new byte[1 << 16];
        while (await stream.ReadAsync(buffer, ct) > 0)
        {
        }
    }

    private static async Task<(TimeSpan Time, long Rows)> RawCopyAsync(string cs, string file, CancellationToken ct)
    {
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync(ct);
        await using (var create = new NpgsqlCommand(
            "CREATE UNLOGGED TABLE raw_online_retail (invoice text, stock_code text, description text, quantity int, " +
            "invoice_date timestamp, unit_price numeric, customer_id text, country text)", conn))
        {
            await create.ExecuteNonQueryAsync(ct);
        }

        var stopwatch = Stopwatch.StartNew();
        await using (var writer = await conn.BeginTextImportAsync("COPY raw_online_retail FROM STDIN (FORMAT csv, HEADER true)", ct))
        {
            using var reader = new StreamReader(file, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, bufferSize: 1 << 16);
            var buffer = new char[1 << 16];
            int read;
            while ((read = await reader.ReadAsync(buffer, ct)) > 0)
            {
                await writer.WriteAsync(buffer.AsMemory(0, read), ct);
            }
        }

        stopwatch.Stop();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM raw_online_retail", conn);
        return (stopwatch.Elapsed, (long)(await count.ExecuteScalarAsync(ct))!);
    }
}
