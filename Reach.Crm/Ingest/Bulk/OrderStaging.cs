using Npgsql;
using NpgsqlTypes;

namespace Reach.Crm.Ingest.Bulk;

/// <summary>The temporary tables order lines are <c>COPY</c>-ed into before the set-based merge.</summary>
internal static class OrderStaging
{
    public const string CreateSql = """
        CREATE TEMP TABLE stage_lines (
            line_no bigint NOT NULL, order_ext text NOT NULL, customer_ext text NOT NULL, ordered_at timestamptz NOT NULL,
            currency text NOT NULL, is_cancel boolean NOT NULL, sku text NOT NULL, product_name text NOT NULL,
            category text, quantity integer NOT NULL, unit_price numeric NOT NULL, customer_country text,
            run_no bigint NOT NULL, run_pos integer NOT NULL,
            -- On a run's first line only (run_pos = 1): the run's sums (see OrderRun).
            run_lines integer, run_total numeric, run_digest numeric, run_ordered_at timestamptz, run_inconsistent boolean
        ) ON COMMIT DROP;
        CREATE TEMP TABLE stage_rejected_orders (order_ext text PRIMARY KEY, line_no bigint NOT NULL) ON COMMIT DROP;
        """;

    private const string CopySql = """
        COPY stage_lines (line_no, order_ext, customer_ext, ordered_at, currency, is_cancel, sku, product_name, category,
            quantity, unit_price, customer_country, run_no, run_pos, run_lines, run_total, run_digest, run_ordered_at, run_inconsistent)
        FROM STDIN (FORMAT BINARY)
        """;

    /// <summary>
    /// Streams accepted lines into <c>stage_lines</c>; rejected rows go to <paramref name="rejections"/> and the
    /// orders they name to <c>stage_rejected_orders</c>, so no order is imported without all of its lines.
    /// Each line carries its run: consecutive accepted lines of one order form a run (<c>run_no</c> 1, 2, … in file
    /// order; <c>run_pos</c> 1, 2, … within it), so an order made of one run has its line numbers and a dense key
    /// without a sort or a join on its text id. While the lines stream, it also notes whether each run's order id is
    /// greater (ordinal) than the previous run's: then no order spans two runs — every run is a whole order — and the
    /// merge need not group the runs (a file sorted by order id, such as the demo generator's, is one such file).
    /// </summary>
    /// <returns>Rows read, rows skipped, runs written, and whether the runs' order ids strictly ascend.</returns>
    public static async Task<(long Read, long Skipped, long Runs, bool RunsAscend)> CopyAsync(
        NpgsqlConnection conn, IAsyncEnumerable<ParsedRow<OrderLineRecord>> rows, RejectionLog rejections, CancellationToken ct)
    {
        long read = 0, skipped = 0;
        var ascending = true;
        var run = new OrderRun();
        var heldBack = new Dictionary<string, long>(StringComparer.Ordinal);
        await using (var importer = await conn.BeginBinaryImportAsync(CopySql, ct))
        {
            await foreach (var row in rows.WithCancellation(ct))
            {
                read++;
                if (row.Skipped)
                {
                    skipped++;
                    continue;
                }

                if (row.Value is not { } l)
                {
                    rejections.Add(row.Errors);
                    if (row.GroupKey is { } key)
                    {
                        heldBack.TryAdd(key, row.Line);
                    }

                    continue;
                }

                if (!string.Equals(l.OrderExternalId, run.Order, StringComparison.Ordinal))
                {
                    ascending &= run.Order is null || string.CompareOrdinal(l.OrderExternalId, run.Order) > 0;
                    Write(importer, run);
                    run.Start(run.Number + 1);
                }

                run.Add(row.Line, l);
            }

            Write(importer, run);
            await importer.CompleteAsync(ct);
        }

        if (heldBack.Count > 0)
        {
            await using var cmd = new NpgsqlCommand(
                "INSERT INTO stage_rejected_orders (order_ext, line_no) SELECT * FROM unnest(@keys, @lines)", conn);
            cmd.Parameters.AddWithValue("keys", heldBack.Keys.ToArray());
            cmd.Parameters.AddWithValue("lines", heldBack.Values.ToArray());
            await cmd.ExecuteNonQueryAsync(ct);
        }

        return (read, skipped, run.Number, ascending);
    }

    /// <summary>
    /// Writes a finished run's lines. Synchronous writes: they only fill Npgsql's buffer (a flush blocks briefly); an
    /// await per value costs more than the parsing at millions of rows.
    /// </summary>
    private static void Write(NpgsqlBinaryImporter importer, OrderRun run)
    {
        for (var i = 0; i < run.Lines.Count; i++)
        {
            var (line, l) = run.Lines[i];
            importer.StartRow();
            importer.Write(line, NpgsqlDbType.Bigint);
            importer.Write(l.OrderExternalId, NpgsqlDbType.Text);
            importer.Write(l.CustomerExternalId, NpgsqlDbType.Text);
            importer.Write(l.OrderedAt.UtcDateTime, NpgsqlDbType.TimestampTz);
            importer.Write(l.Currency, NpgsqlDbType.Text);
            importer.Write(l.IsCancellation, NpgsqlDbType.Boolean);
            importer.Write(l.Sku, NpgsqlDbType.Text);
            importer.Write(l.ProductName, NpgsqlDbType.Text);
            CustomerStaging.WriteText(importer, l.Category);
            importer.Write(l.Quantity, NpgsqlDbType.Integer);
            importer.Write(l.UnitPrice, NpgsqlDbType.Numeric);
            CustomerStaging.WriteText(importer, l.CustomerCountry);
            importer.Write(run.Number, NpgsqlDbType.Bigint);
            importer.Write(i + 1, NpgsqlDbType.Integer);
            if (i == 0)
            {
                importer.Write(run.Lines.Count, NpgsqlDbType.Integer);
                importer.Write(run.Total, NpgsqlDbType.Numeric);
                importer.Write(run.Digest, NpgsqlDbType.Numeric);
                importer.Write(run.OrderedAt.UtcDateTime, NpgsqlDbType.TimestampTz);
                importer.Write(run.Inconsistent, NpgsqlDbType.Boolean);
            }
            else
            {
                for (var n = 0; n < 5; n++)
                {
                    importer.WriteNull();
                }
            }
        }
    }
}
