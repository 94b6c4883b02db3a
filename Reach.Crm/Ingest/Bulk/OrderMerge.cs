using Npgsql;

namespace Reach.Crm.Ingest.Bulk;

/// <summary>
/// Merges <c>stage_lines</c> into orders, order lines and products with set-based statements. The runs of lines are
/// grouped into orders once (<c>stage_order_sums</c>; copied without grouping when every run is a whole order); orders that cannot be imported whole are rejected from that grouping, and
/// only when there are any are their lines looked up, reported and removed. An order is compared with what is stored
/// through a content hash: same hash → unchanged (nothing written), otherwise its lines are replaced. The customers
/// whose orders changed are left in <c>touched_customers</c> for the metrics recompute (not for a store's first orders,
/// where every stored order is this file's).
/// </summary>
internal static class OrderMerge
{
    /// <summary>
    /// One row per staged order from its runs' sums (<see cref="OrderRun"/>, taken while the file streamed — one run per
    /// order in the usual file, so this groups half as many rows as there are lines and computes nothing per line): its
    /// totals, the order-independent digest of its lines, its first and last run, and whether its lines disagree on
    /// customer, currency or status.
    /// </summary>
    private static readonly string GroupRunsSql = $"""
        ANALYZE stage_lines;
        SET LOCAL work_mem = '512MB'; -- millions of groups: fewer hash-aggregate batches spilled to disk
        CREATE TEMP TABLE stage_order_sums ON COMMIT DROP AS
        SELECT g.*, {HashTail("g")} AS hash_tail FROM (
        SELECT s.order_ext AS external_id, min(s.customer_ext COLLATE "C") AS customer_ext, min(s.run_ordered_at) AS ordered_at,
               min(s.currency COLLATE "C") AS currency, CASE WHEN bool_or(s.is_cancel) THEN 'cancelled' ELSE 'placed' END AS status,
               round(sum(s.run_total), 2) AS total, sum(s.run_lines)::int AS line_count, sum(s.run_digest) AS line_digest,
               min(s.run_no) AS first_run, max(s.run_no) AS last_run,
               -- Byte-wise min/max (COLLATE "C"): only equality matters here, and strcoll would cost more than the rest.
               (bool_or(s.run_inconsistent) OR min(s.customer_ext COLLATE "C") <> max(s.customer_ext COLLATE "C")
                OR min(s.currency COLLATE "C") <> max(s.currency COLLATE "C") OR bool_or(s.is_cancel) <> bool_and(s.is_cancel)) AS inconsistent
        FROM stage_lines s WHERE s.run_pos = 1 GROUP BY s.order_ext) g;
        """;

    /// <summary>
    /// The same rows as <see cref="GroupRunsSql"/> when every run is a whole order (the runs' order ids strictly
    /// ascend): each run's first line already carries its order's sums, so they are copied in file order without a
    /// grouping. That also leaves them in run order, and the joins that build <c>stage_orders</c> keep it in the plans
    /// seen (hash joins probed by these rows), so new orders are inserted in ascending id order and the primary key
    /// grows at its right edge (1 M demo: the insert of 4.5 M orders 29 → 12 s). Nothing depends on that order but speed.
    /// </summary>
    private static readonly string OneRunPerOrderSql = $"""
        ANALYZE stage_lines;
        CREATE TEMP TABLE stage_order_sums ON COMMIT DROP AS
        SELECT s.order_ext AS external_id, s.customer_ext COLLATE "C" AS customer_ext, s.run_ordered_at AS ordered_at,
               s.currency COLLATE "C" AS currency, CASE WHEN s.is_cancel THEN 'cancelled' ELSE 'placed' END AS status,
               round(s.run_total, 2) AS total, s.run_lines AS line_count, s.run_digest AS line_digest,
               s.run_no AS first_run, s.run_no AS last_run, s.run_inconsistent AS inconsistent,
               {HashTail("s", orderedAt: "run_ordered_at", lineCount: "run_lines", lineDigest: "run_digest")} AS hash_tail
        FROM stage_lines s WHERE s.run_pos = 1;
        """;

    /// <summary>
    /// The part of an order's content hash that does not depend on its customer: <c>|epoch|currency|line count|digest</c>.
    /// The hash is <c>md5(customer id || tail)</c>; the tail is taken while the rows are staged (before the merge waits for
    /// other ingests and the customers), so the merge formats nothing per order but the customer's id (1 M demo: the
    /// merge's <c>stage_orders</c> 11.4 → 10.0–10.6 s). The text must stay as it is: stored orders' hashes were made from it.
    /// </summary>
    private static string HashTail(string row, string orderedAt = "ordered_at", string lineCount = "line_count", string lineDigest = "line_digest") =>
        $"'|' || extract(epoch FROM {row}.{orderedAt})::text || '|' || {row}.currency || '|' || {row}.{lineCount}::text || '|' || {row}.{lineDigest}::text";

    /// <summary>The orders that cannot be imported whole, from the rejected lines and the grouped sums.</summary>
    private const string BadOrdersSql = """
        SET LOCAL work_mem = '128MB';
        CREATE TEMP TABLE stage_bad_orders (order_ext text PRIMARY KEY, column_name text, reason text NOT NULL) ON COMMIT DROP;
        INSERT INTO stage_bad_orders (order_ext, reason)
        SELECT r.order_ext, format('order ''%s'' is held back because its line %s was rejected; an order is imported whole or not at all', r.order_ext, r.line_no)
        FROM stage_rejected_orders r;
        INSERT INTO stage_bad_orders (order_ext, reason)
        SELECT so.external_id, format('order ''%s'' names more than one customer, currency or status across its lines', so.external_id)
        FROM stage_order_sums so WHERE so.inconsistent
        ON CONFLICT (order_ext) DO NOTHING;
        """;

    /// <summary>
    /// Groups the staged lines into orders and rejects, line by line, the orders that cannot be imported whole: those
    /// held back because one of their lines was rejected, and those whose lines name more than one customer, currency
    /// or status. Runs before customers are created from the lines, so a rejected order creates nobody. Also groups the
    /// catalogue the remaining lines name (<c>stage_products</c>).
    /// </summary>
    /// <param name="conn">The ingest's connection, in its transaction.</param>
    /// <param name="runsAscend">Whether the runs' order ids strictly ascend (<see cref="OrderStaging.CopyAsync"/>): then
    /// each run is a whole order and nothing is grouped.</param>
    /// <param name="rejections">Where rejected lines are reported.</param>
    /// <param name="ct">Cancels the statements.</param>
    public static async Task GroupAndRejectAsync(NpgsqlConnection conn, bool runsAscend, RejectionLog rejections, CancellationToken ct)
    {
        await BulkSql.ExecAsync(conn, (runsAscend ? OneRunPerOrderSql : GroupRunsSql) + BadOrdersSql, default, ct);
        await RejectBadOrdersAsync(conn, rejections, ct);
        await BulkSql.ExecAsync(conn, StageProductsSql, default, ct);
    }

    /// <summary>
    /// The catalogue the staged lines name, grouped while the rows are staged (before the merge waits): one name and
    /// category per SKU, the pair most frequent in this file (ties: the first name in sort order). Rebuilt whenever lines
    /// are removed after it.
    /// </summary>
    private const string StageProductsSql = """
        DROP TABLE IF EXISTS pg_temp.stage_products;
        CREATE TEMP TABLE stage_products ON COMMIT DROP AS
        SELECT DISTINCT ON (sku) sku, product_name, category
        FROM (SELECT sku, product_name, category, count(*) AS n FROM stage_lines GROUP BY sku, product_name, category) named
        ORDER BY sku, n DESC, product_name;
        """;

    /// <summary>Reports and removes the lines of the orders in <c>stage_bad_orders</c> (a no-op, without a scan of the lines, when it is empty).</summary>
    private static async Task RejectBadOrdersAsync(NpgsqlConnection conn, RejectionLog rejections, CancellationToken ct)
    {
        if (await BulkSql.ScalarAsync(conn, "SELECT count(*) FROM stage_bad_orders", default, ct) == 0)
        {
            return;
        }

        await BulkSql.RejectAsync(conn, """
            DELETE FROM stage_lines s USING stage_bad_orders b WHERE s.order_ext = b.order_ext
            RETURNING s.line_no, b.column_name, b.reason
            """, rejections, ct);
        await BulkSql.ExecAsync(conn, """
            DELETE FROM stage_order_sums so USING stage_bad_orders b WHERE so.external_id = b.order_ext;
            TRUNCATE stage_bad_orders;
            """, default, ct);
    }

    /// <summary>
    /// Upserts products, orders and lines of the orders grouped by <see cref="GroupAndRejectAsync"/>; leaves the touched
    /// customers' ids in <c>touched_customers</c> unless these are a store's first orders. An order of a customer that
    /// does not exist is rejected line by line when <paramref name="customersMustExist"/>; otherwise (customers were created from the lines, and the customer
    /// merge reported any it refused) it is left out. When at least <paramref name="rebuildIndexesFrom"/> orders are new
    /// (the caller passes <see cref="long.MaxValue"/> unless no orders were stored before), the orders' secondary indexes are
    /// built after the insert.
    /// </summary>
    /// <returns>Order counts and the row counts by outcome.</returns>
    public static async Task<(EntityCounts Orders, long RowsInserted, long RowsUpdated, long RowsUnchanged)> MergeAsync(
        NpgsqlConnection conn, DateTimeOffset now, long runs, bool customersMustExist, long rebuildIndexesFrom, RejectionLog rejections, CancellationToken ct)
    {
        // New orders take their ids from a block of the identity's sequence reserved here (one per run; a new order's id
        // is the block's start + its first run − 1), so no insert needs a RETURNING join and no row calls nextval.
        var idBase = await BulkSql.ScalarAsync(conn, $"""
            SELECT n FROM (SELECT nextval(pg_get_serial_sequence('orders', 'id')) AS n) s,
                   LATERAL (SELECT setval(pg_get_serial_sequence('orders', 'id'), s.n + {Math.Max(runs, 1)})) r
            """, now, ct);

        // One row per order with its customer (4.5 M orders join the customers once, not 9 M lines), its content hash,
        // what is stored under its id, and so its outcome. An order of an unknown customer has no outcome.
        await BulkSql.ExecAsync(conn, $$"""
            CREATE TEMP TABLE stage_orders ON COMMIT DROP AS
            SELECT h.*,
                   CASE WHEN h.customer_id IS NULL THEN NULL WHEN o.id IS NULL THEN 'inserted' WHEN o.content_hash = h.content_hash THEN 'unchanged' ELSE 'updated' END AS outcome,
                   CASE WHEN h.customer_id IS NOT NULL THEN coalesce(o.id, {{idBase}} + h.first_run - 1) END AS order_id,
                   o.customer_id AS old_customer_id
            FROM (
                SELECT so.external_id, c.id AS customer_id, so.customer_ext, so.ordered_at, so.currency, so.status, so.total, so.line_count,
                       so.first_run, so.first_run = so.last_run AS contiguous,
                       md5(c.id::text || so.hash_tail) AS content_hash
                FROM stage_order_sums so LEFT JOIN customers c ON c.external_id = so.customer_ext) h
            LEFT JOIN orders o ON o.external_id = h.external_id;
            """, now, ct);
        await BulkSql.ExecAsync(conn, "ANALYZE stage_orders", now, ct);

        // What this file is: only new orders, each of one run of lines (every initial load, and most files of new orders)?
        // One scan of the staged orders for what this file is, the counts the report gives back and the orders of unknown
        // customers (their rows stay here without an outcome, so rejecting them changes none of these counts).
        long inserted, others, oi, ou, on, ri, ru, rn, unknown;
        await using (var cmd = new NpgsqlCommand("""
            SELECT count(*) FILTER (WHERE outcome = 'inserted' AND contiguous), count(*) FILTER (WHERE outcome IS DISTINCT FROM 'inserted' OR NOT contiguous),
                   count(*) FILTER (WHERE outcome = 'inserted'), coalesce(sum(line_count) FILTER (WHERE outcome = 'inserted'), 0),
                   count(*) FILTER (WHERE outcome = 'updated'), coalesce(sum(line_count) FILTER (WHERE outcome = 'updated'), 0),
                   count(*) FILTER (WHERE outcome = 'unchanged'), coalesce(sum(line_count) FILTER (WHERE outcome = 'unchanged'), 0),
                   count(*) FILTER (WHERE customer_id IS NULL)
            FROM stage_orders
            """, conn) { CommandTimeout = 0 })
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
        {
            await reader.ReadAsync(ct);
            (inserted, others) = (reader.GetInt64(0), reader.GetInt64(1));
            (oi, ri, ou, ru, on, rn) = (reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5), reader.GetInt64(6), reader.GetInt64(7));
            unknown = reader.GetInt64(8);
        }

        if (customersMustExist && unknown > 0)
        {
            await BulkSql.ExecAsync(conn, """
                INSERT INTO stage_bad_orders (order_ext, column_name, reason)
                SELECT so.external_id, 'customer_id', format('customer ''%s'' is not known; import the customer first', so.customer_ext)
                FROM stage_orders so WHERE so.customer_id IS NULL
                """, now, ct);
            await RejectBadOrdersAsync(conn, rejections, ct);
            await BulkSql.ExecAsync(conn, StageProductsSql, now, ct); // the rejected orders' lines name no product
        }

        // The catalogue (stage_products); a known SKU keeps its name.
        await BulkSql.ExecAsync(conn, """
            INSERT INTO products (sku, name, category)
            SELECT sku, product_name, category FROM stage_products ORDER BY sku
            ON CONFLICT (sku) DO UPDATE SET category = excluded.category
            WHERE products.category IS NULL AND excluded.category IS NOT NULL
            """, now, ct);

        var indexes = rebuildIndexesFrom < long.MaxValue && inserted >= rebuildIndexesFrom
            ? await SecondaryIndexes.DropAsync(conn, "orders", ct)
            : null;

        if (ou > 0)
        {
            await BulkSql.ExecAsync(conn, """
                UPDATE orders o SET customer_id = so.customer_id, ordered_at = so.ordered_at, total = so.total, currency = so.currency,
                       status = so.status, line_count = so.line_count, content_hash = so.content_hash
                FROM stage_orders so WHERE so.outcome = 'updated' AND o.id = so.order_id;
                DELETE FROM order_lines l USING stage_orders so WHERE so.outcome = 'updated' AND l.order_id = so.order_id;
                """, now, ct);
        }

        await BulkSql.ExecAsync(conn, """
            INSERT INTO orders (id, external_id, customer_id, ordered_at, total, currency, status, line_count, content_hash)
            SELECT so.order_id, so.external_id, so.customer_id, so.ordered_at, so.total, so.currency, so.status, so.line_count, so.content_hash
            FROM stage_orders so WHERE so.outcome = 'inserted';
            """, now, ct);

        // A line's number within its order: its place in its run when the order is one run of consecutive lines (no
        // sort), else its rank among the order's lines. When every staged order is new and one run, each staged line
        // belongs to an order being inserted, whose id follows from its run: no join of the lines with the orders.
        await BulkSql.ExecAsync(conn, others == 0
            ? $"""
              INSERT INTO order_lines (order_id, line_no, sku, product_name, category, quantity, unit_price)
              SELECT {idBase} + s.run_no - 1, s.run_pos, s.sku, s.product_name, s.category, s.quantity, s.unit_price
              FROM stage_lines s
              """
            : """
              INSERT INTO order_lines (order_id, line_no, sku, product_name, category, quantity, unit_price)
              SELECT so.order_id, s.run_pos, s.sku, s.product_name, s.category, s.quantity, s.unit_price
              FROM stage_lines s JOIN stage_orders so ON so.external_id = s.order_ext AND so.outcome IN ('inserted', 'updated') AND so.contiguous;
              INSERT INTO order_lines (order_id, line_no, sku, product_name, category, quantity, unit_price)
              SELECT so.order_id, row_number() OVER (PARTITION BY s.order_ext ORDER BY s.line_no)::int,
                     s.sku, s.product_name, s.category, s.quantity, s.unit_price
              FROM stage_lines s JOIN stage_orders so ON so.external_id = s.order_ext AND so.outcome IN ('inserted', 'updated') AND NOT so.contiguous;
              """, now, ct);

        // A store's first orders leave no touched_customers: their metrics read every stored order (CustomerMetrics).
        if (rebuildIndexesFrom == long.MaxValue)
        {
            await BulkSql.ExecAsync(conn, """
                CREATE TEMP TABLE touched_customers ON COMMIT DROP AS
                SELECT customer_id FROM stage_orders WHERE outcome IN ('inserted', 'updated')
                UNION
                SELECT old_customer_id FROM stage_orders WHERE outcome = 'updated';
                ANALYZE touched_customers;
                """, now, ct);
        }

        if (indexes is not null)
        {
            await indexes.RecreateAsync(conn, ct);
        }

        return (new EntityCounts(oi, ou, on), ri, ru, rn);
    }
}
