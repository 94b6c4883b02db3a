using Npgsql;

namespace Reach.Crm.Ingest.Bulk;

/// <summary>
/// Recomputes the maintained customer metrics (first/last order, order count, net total spent, average order
/// value, last item, categories and products bought) set-based for the customers in <c>touched_customers</c>.
/// Cancellations lower total spent and do not count as orders; customers without orders get 0 and nulls.
/// </summary>
internal static class CustomerMetrics
{
    private const string Sql = """
        WITH o AS (
            SELECT o.customer_id,
                   min(o.ordered_at) FILTER (WHERE o.status = 'placed') AS first_at,
                   max(o.ordered_at) FILTER (WHERE o.status = 'placed') AS last_at,
                   count(*) FILTER (WHERE o.status = 'placed') AS cnt,
                   sum(o.total) AS spent,
                   -- The last placed order as the greatest (time, id): epoch seconds in double precision keep every
                   -- microsecond apart until about the year 2240 (and as far before 1970), ids are exact below 2^53, so
                   -- this orders as (ordered_at, id) does.
                   max(ARRAY[date_part('epoch', o.ordered_at), o.id]) FILTER (WHERE o.status = 'placed') AS last_key
            FROM orders o JOIN touched_customers t ON t.customer_id = o.customer_id
            GROUP BY o.customer_id),
        bought AS (
            SELECT o.customer_id, p.id AS product_id, l.category
            FROM orders o JOIN touched_customers t ON t.customer_id = o.customer_id
            JOIN order_lines l ON l.order_id = o.id
            JOIN products p ON p.sku = l.sku
            WHERE o.status = 'placed'
            GROUP BY o.customer_id, p.id, l.category),
        l AS (
            SELECT customer_id,
                   array_agg(DISTINCT category ORDER BY category) FILTER (WHERE category IS NOT NULL) AS cats,
                   array_agg(DISTINCT product_id ORDER BY product_id) AS pids
            FROM bought GROUP BY customer_id)
        UPDATE customers c SET
            first_order_at = o.first_at,
            last_order_at = o.last_at,
            order_count = coalesce(o.cnt, 0),
            total_spent = coalesce(o.spent, 0),
            avg_order_value = CASE WHEN o.cnt > 0 THEN round(o.spent / o.cnt, 2) ELSE 0 END,
            categories = coalesce(l.cats, '{}'),
            product_ids = coalesce(l.pids, '{}'),
            -- The last order's first line, found from the aggregate's key: no second look at the customer's orders.
            last_item = li.product_name,
            updated_at = @now
        FROM touched_customers t
        LEFT JOIN o ON o.customer_id = t.customer_id
        LEFT JOIN l ON l.customer_id = t.customer_id
        LEFT JOIN order_lines li ON li.order_id = (o.last_key)[2]::bigint AND li.line_no = 1
        WHERE c.id = t.customer_id
        """;

    /// <summary>
    /// Runs the recompute inside the caller's transaction; returns the customers updated. When at least
    /// <paramref name="rebuildFactsFrom"/> customers are touched (the caller passes <see cref="long.MaxValue"/> unless
    /// these are a store's first orders), the segment facts are rebuilt after the update instead of maintained row by row.
    /// </summary>
    public static async Task<int> RecomputeAsync(NpgsqlConnection conn, DateTimeOffset now, long rebuildFactsFrom, CancellationToken ct)
    {
        var touched = await BulkSql.ScalarAsync(conn, "SELECT count(*) FROM touched_customers", now, ct);
        // The update is HOT (no indexed column changes, and the pages keep room: migration CustomersFillFactor), so the
        // customers' indexes stay; the segment facts are rebuilt once after it instead of upserted row by row.
        var rewrite = touched >= rebuildFactsFrom ? await CustomerRewrite.BeginAsync(conn, dropIndexes: false, ct) : null;
        // Millions of (customer, product) pairs: enough memory to aggregate them in a hash table rather than by sorting.
        await BulkSql.ExecAsync(conn, "SET LOCAL work_mem = '512MB'", now, ct);
        var updated = await BulkSql.ExecAsync(conn, Sql, now, ct);
        await BulkSql.ExecAsync(conn, "SET LOCAL work_mem = '128MB'", now, ct);
        if (rewrite is not null)
        {
            await rewrite.CompleteAsync(conn, ct);
        }

        return updated;
    }
}
