using Npgsql;

namespace Reach.Crm.Ingest.Bulk;

/// <summary>
/// Merges <c>stage_lines</c> into orders, order lines and products with set-based statements. An order is
/// compared with what is stored through a content hash: same hash → unchanged (nothing written), otherwise
/// its lines are replaced. The customers whose orders changed are returned for the metrics recompute.
/// </summary>
internal static class OrderMerge
{
    private static readonly string[] RejectionSql =
    [
        """
        DELETE FROM stage_lines s USING stage_rejected_orders r
        WHERE s.order_ext = r.order_ext
        RETURNING s.line_no, NULL::text, format('order ''%s'' is held back because its line %s was rejected; an order is imported whole or not at all', s.order_ext, r.line_no)
        """,
        """
        WITH bad AS (
            SELECT order_ext FROM stage_lines GROUP BY order_ext
            HAVING min(customer_ext) <> max(customer_ext) OR min(currency) <> max(currency) OR bool_or(is_cancel) <> bool_and(is_cancel))
        DELETE FROM stage_lines s USING bad WHERE s.order_ext = bad.order_ext
        RETURNING s.line_no, NULL::text, format('order ''%s'' names more than one customer, currency or status across its lines', s.order_ext)
        """,
    ];

    private const string UnknownCustomerSql = """
        DELETE FROM stage_lines s
        WHERE NOT EXISTS (SELECT 1 FROM customers c WHERE c.external_id = s.customer_ext)
        RETURNING s.line_no, 'customer_id', format('customer ''%s'' is not known; import the customer first', s.customer_ext)
        """;

    /// <summary>Rejects lines that cannot form a consistent order (and, unless customers are created from orders, lines of unknown customers).</summary>
    public static async Task RejectAsync(NpgsqlConnection conn, bool customersMustExist, RejectionLog rejections, CancellationToken ct)
    {
        await BulkSql.ExecAsync(conn, "ANALYZE stage_lines", default, ct);
        foreach (var sql in customersMustExist ? RejectionSql.Append(UnknownCustomerSql) : RejectionSql)
        {
            await BulkSql.RejectAsync(conn, sql, rejections, ct);
        }
    }

    /// <summary>Upserts products, orders and lines; leaves the touched customers' ids in <c>touched_customers</c>.</summary>
    /// <returns>Order counts and the row counts by outcome.</returns>
    public static async Task<(EntityCounts Orders, long RowsInserted, long RowsUpdated, long RowsUnchanged)> MergeAsync(
        NpgsqlConnection conn, DateTimeOffset now, CancellationToken ct)
    {
        // The catalogue: one name per SKU (the most frequent in this file); a known SKU keeps its name.
        await BulkSql.ExecAsync(conn, """
            INSERT INTO products (sku, name, category)
            SELECT DISTINCT ON (sku) sku, product_name, category
            FROM (SELECT sku, product_name, category, count(*) AS n FROM stage_lines GROUP BY sku, product_name, category) named
            ORDER BY sku, n DESC, product_name
            ON CONFLICT (sku) DO UPDATE SET category = excluded.category
            WHERE products.category IS NULL AND excluded.category IS NOT NULL
            """, now, ct);

        await BulkSql.ExecAsync(conn, """
            CREATE TEMP TABLE stage_orders ON COMMIT DROP AS
            SELECT s.order_ext AS external_id, c.id AS customer_id, min(s.ordered_at) AS ordered_at, min(s.currency) AS currency,
                   CASE WHEN bool_or(s.is_cancel) THEN 'cancelled' ELSE 'placed' END AS status,
                   round(sum(s.quantity * s.unit_price), 2) AS total, count(*)::int AS line_count,
                   -- An order-independent digest of the lines (a sum of per-line md5 prefixes), so no sort is needed.
                   md5(c.id::text || '|' || extract(epoch FROM min(s.ordered_at))::text || '|' || min(s.currency) || '|' || count(*)::text || '|' ||
                       sum(('x' || substr(md5(s.sku || '|' || s.product_name || '|' || coalesce(s.category, '') || '|' || s.quantity::text || '|' || s.unit_price::text), 1, 15))::bit(60)::bigint::numeric)::text) AS content_hash
            FROM stage_lines s JOIN customers c ON c.external_id = s.customer_ext
            GROUP BY s.order_ext, c.id;
            ANALYZE stage_orders;
            -- New orders get their ids from the identity's sequence here, so the insert needs no RETURNING join.
            CREATE TEMP TABLE order_changes ON COMMIT DROP AS
            SELECT so.external_id, coalesce(o.id, nextval(pg_get_serial_sequence('orders', 'id'))) AS order_id, o.customer_id AS old_customer_id,
                   CASE WHEN o.id IS NULL THEN 'inserted' WHEN o.content_hash = so.content_hash THEN 'unchanged' ELSE 'updated' END AS outcome
            FROM stage_orders so LEFT JOIN orders o ON o.external_id = so.external_id;
            ANALYZE order_changes;
            """, now, ct);

        await BulkSql.ExecAsync(conn, """
            UPDATE orders o SET customer_id = so.customer_id, ordered_at = so.ordered_at, total = so.total, currency = so.currency,
                   status = so.status, line_count = so.line_count, content_hash = so.content_hash
            FROM stage_orders so JOIN order_changes ch ON ch.external_id = so.external_id AND ch.outcome = 'updated'
            WHERE o.id = ch.order_id;
            DELETE FROM order_lines l USING order_changes ch WHERE ch.outcome = 'updated' AND l.order_id = ch.order_id;
            INSERT INTO orders (id, external_id, customer_id, ordered_at, total, currency, status, line_count, content_hash)
            SELECT ch.order_id, so.external_id, so.customer_id, so.ordered_at, so.total, so.currency, so.status, so.line_count, so.content_hash
            FROM stage_orders so JOIN order_changes ch ON ch.external_id = so.external_id AND ch.outcome = 'inserted'
            ORDER BY ch.order_id;
            INSERT INTO order_lines (order_id, line_no, sku, product_name, category, quantity, unit_price)
            SELECT ch.order_id, row_number() OVER (PARTITION BY s.order_ext ORDER BY s.line_no)::int,
                   s.sku, s.product_name, s.category, s.quantity, s.unit_price
            FROM stage_lines s JOIN order_changes ch ON ch.external_id = s.order_ext AND ch.outcome <> 'unchanged';
            CREATE TEMP TABLE touched_customers ON COMMIT DROP AS
            SELECT so.customer_id FROM stage_orders so JOIN order_changes ch ON ch.external_id = so.external_id AND ch.outcome <> 'unchanged'
            UNION
            SELECT old_customer_id FROM order_changes WHERE outcome = 'updated';
            ANALYZE touched_customers;
            """, now, ct);

        long oi = 0, ou = 0, on = 0, ri = 0, ru = 0, rn = 0;
        await using (var cmd = new NpgsqlCommand("""
            SELECT ch.outcome, count(*), sum(so.line_count)
            FROM order_changes ch JOIN stage_orders so ON so.external_id = ch.external_id GROUP BY ch.outcome
            """, conn) { CommandTimeout = 0 })
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                var (orders, rows) = (reader.GetInt64(1), reader.GetInt64(2));
                switch (reader.GetString(0))
                {
                    case "inserted": (oi, ri) = (orders, rows); break;
                    case "updated": (ou, ru) = (orders, rows); break;
                    default: (on, rn) = (orders, rows); break;
                }
            }
        }

        return (new EntityCounts(oi, ou, on), ri, ru, rn);
    }
}
