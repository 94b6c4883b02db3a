using Npgsql;

namespace Reach.Crm.Ingest.Bulk;

/// <summary>
/// Merges <c>stage_customers</c> into <c>customers</c> with a few set-based statements: rows are matched by
/// <c>external_id</c>, or by e-mail when the row has no id. An empty field keeps the stored value. Rows that
/// would break a unique key (an id or e-mail twice in the file, an e-mail that belongs to another customer)
/// are rejected with the reason, never half-written.
/// </summary>
internal static class CustomerMerge
{
    private static readonly string[] Columns =
    [
        "name", "first_name", "email", "phone", "city", "country", "gender",
        "email_opt_in_at", "email_opt_out_at", "sms_opt_in_at", "sms_opt_out_at",
        "whatsapp_opt_in_at", "whatsapp_opt_out_at", "rcs_opt_in_at", "rcs_opt_out_at",
    ];

    private static readonly string NewValues = string.Join(", ",
        Columns.Select(c => $"coalesce(s.{c}, c.{c})")
            .Append("CASE WHEN cardinality(s.tags) = 0 THEN c.tags ELSE s.tags END")
            .Append("coalesce(s.created_at, c.created_at)")
            .Append("s.is_synthetic OR (c.is_synthetic AND s.email IS NULL)"));

    private static readonly string OldValues = string.Join(", ",
        Columns.Select(c => $"c.{c}").Append("c.tags").Append("c.created_at").Append("c.is_synthetic"));

    private static readonly string SetList = string.Join(", ",
        Columns.Select(c => $"{c} = coalesce(s.{c}, c.{c})")
            .Append("tags = CASE WHEN cardinality(s.tags) = 0 THEN c.tags ELSE s.tags END")
            .Append("created_at = coalesce(s.created_at, c.created_at)")
            .Append("is_synthetic = s.is_synthetic OR (c.is_synthetic AND s.email IS NULL)")
            .Append("updated_at = @now"));

    private static readonly string InsertColumns = string.Join(", ", Columns.Append("tags").Append("is_synthetic"));

    private static readonly string InsertValues = string.Join(", ", Columns.Select(c => $"s.{c}").Append("s.tags").Append("s.is_synthetic"));

    /// <summary>Rejection rules, each a DELETE … RETURNING line_no, column, reason.</summary>
    private static readonly string[] RejectionSql =
    [
        """
        DELETE FROM stage_customers s USING stage_customers later
        WHERE s.external_id IS NOT NULL AND later.external_id = s.external_id AND later.line_no > s.line_no
        RETURNING s.line_no, 'external_id', format('external_id ''%s'' appears again on line %s; the later row is imported', s.external_id, later.line_no)
        """,
        """
        DELETE FROM stage_customers s USING stage_customers later
        WHERE s.external_id IS NULL AND later.external_id IS NULL AND later.email = s.email AND later.line_no > s.line_no
        RETURNING s.line_no, 'email', format('email ''%s'' appears again on line %s; the later row is imported', s.email, later.line_no)
        """,
        """
        DELETE FROM stage_customers s USING stage_customers earlier
        WHERE s.email IS NOT NULL AND earlier.email = s.email AND earlier.line_no < s.line_no
          AND earlier.external_id IS DISTINCT FROM s.external_id
        RETURNING s.line_no, 'email', format('email ''%s'' is already used on line %s by customer ''%s''', s.email, earlier.line_no, coalesce(earlier.external_id, '(no id)'))
        """,
        """
        DELETE FROM stage_customers s USING customers c
        WHERE s.email IS NOT NULL AND c.email = s.email AND s.external_id IS NOT NULL
          AND c.external_id IS DISTINCT FROM s.external_id
          AND (c.external_id IS NOT NULL OR EXISTS (SELECT 1 FROM customers c2 WHERE c2.external_id = s.external_id))
        RETURNING s.line_no, 'email', format('email ''%s'' already belongs to customer ''%s''', s.email, coalesce(c.external_id, 'id ' || c.id))
        """,
    ];

    /// <summary>
    /// Runs the merge inside the caller's transaction. An initial load (an empty customers table and at least
    /// <paramref name="rebuildIndexesFrom"/> staged rows) builds the secondary indexes and the segment facts after the insert instead of during it.
    /// </summary>
    public static async Task<EntityCounts> MergeAsync(NpgsqlConnection conn, DateTimeOffset now, long rebuildIndexesFrom, RejectionLog rejections, CancellationToken ct)
    {
        await BulkSql.ExecAsync(conn, "ANALYZE stage_customers", now, ct);
        foreach (var sql in RejectionSql)
        {
            await BulkSql.RejectAsync(conn, sql, rejections, ct);
        }

        // A customer known only by e-mail adopts the id a file now gives it.
        await BulkSql.ExecAsync(conn, """
            UPDATE customers c SET external_id = s.external_id, updated_at = @now
            FROM stage_customers s
            WHERE c.external_id IS NULL AND c.email = s.email AND s.external_id IS NOT NULL
              AND NOT EXISTS (SELECT 1 FROM customers c2 WHERE c2.external_id = s.external_id)
            """, now, ct);

        var staged = await BulkSql.ScalarAsync(conn, "SELECT count(*) FROM stage_customers", now, ct);
        var initialLoad = staged >= rebuildIndexesFrom
            && await BulkSql.ScalarAsync(conn, "SELECT count(*) FROM (SELECT 1 FROM customers LIMIT 1) t", now, ct) == 0;
        var rewrite = initialLoad ? await CustomerRewrite.BeginAsync(conn, dropIndexes: true, ct) : null;
        long inserted = 0, updated = 0;
        foreach (var (match, filter) in new[]
                 {
                     ("c.external_id = s.external_id", "s.external_id IS NOT NULL"),
                     ("c.email = s.email", "s.external_id IS NULL"),
                 })
        {
            updated += await BulkSql.ExecAsync(conn, $"""
                UPDATE customers c SET {SetList}
                FROM stage_customers s
                WHERE {filter} AND {match} AND ({NewValues}) IS DISTINCT FROM ({OldValues})
                """, now, ct);
            inserted += await BulkSql.ExecAsync(conn, $"""
                INSERT INTO customers (external_id, {InsertColumns}, created_at, updated_at)
                SELECT s.external_id, {InsertValues}, coalesce(s.created_at, @now), @now
                FROM stage_customers s
                WHERE {filter} AND NOT EXISTS (SELECT 1 FROM customers c WHERE {match})
                """, now, ct);
        }

        if (rewrite is not null)
        {
            await rewrite.CompleteAsync(conn, ct);
            await BulkSql.ExecAsync(conn, "ANALYZE customers; ANALYZE segment_facts", now, ct);
        }

        return new EntityCounts(inserted, updated, staged - inserted - updated);
    }
}
