using Npgsql;

namespace Reach.Crm.Ingest.Bulk;

/// <summary>
/// An initial load that writes (nearly) every customer — the first customers, or the metrics of a store's first orders —
/// prepares the table once and finishes it once, inside the ingest's transaction (PostgreSQL docs §14.4.3, "Populating a
/// Database"): the <c>segment_facts</c> triggers (migration <c>SegmentFacts</c>) are disabled and the projection rebuilt
/// from <c>segment_facts_source</c> with its own indexes built after — one packed insert instead of a transition table of
/// every customer row and an update of every fact (which would leave the facts at twice their size). The first
/// customers also have the customers' secondary indexes dropped and rebuilt after (<see cref="SecondaryIndexes"/>); the
/// metrics recompute keeps them, as its updates are HOT (migration <c>CustomersFillFactor</c>). It holds the customers
/// table's lock until commit; a failure rolls back to the indexes, triggers and facts as they were.
/// </summary>
internal sealed class CustomerRewrite
{
    private const string Triggers = "TRIGGER segment_facts_on_insert, {0} TRIGGER segment_facts_on_update";

    private readonly SecondaryIndexes? _indexes;

    private CustomerRewrite(SecondaryIndexes? indexes) => _indexes = indexes;

    /// <summary>
    /// Disables the segment facts' insert and update triggers and, when <paramref name="dropIndexes"/>, drops the
    /// customers' secondary indexes.
    /// </summary>
    /// <exception cref="NpgsqlException">A lock cannot be taken.</exception>
    public static async Task<CustomerRewrite> BeginAsync(NpgsqlConnection conn, bool dropIndexes, CancellationToken ct)
    {
        var indexes = dropIndexes ? await SecondaryIndexes.DropAsync(conn, "customers", ct) : null;
        await BulkSql.ExecAsync(conn, $"ALTER TABLE customers DISABLE {string.Format(Triggers, "DISABLE")}", default, ct);
        return new CustomerRewrite(indexes);
    }

    /// <summary>Rebuilds the customers' indexes if they were dropped, re-enables the triggers and rewrites <c>segment_facts</c> from the customers as they now are.</summary>
    public async Task CompleteAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        if (_indexes is not null)
        {
            await _indexes.RecreateAsync(conn, ct);
        }

        await BulkSql.ExecAsync(conn, $"ALTER TABLE customers ENABLE {string.Format(Triggers, "ENABLE")}; TRUNCATE segment_facts", default, ct);
        var factIndexes = await SecondaryIndexes.DropAsync(conn, "segment_facts", ct);
        // The customers' categories get their bits first (the triggers that would have were off), then the facts.
        await BulkSql.ExecAsync(conn, """
            SELECT segment_category_bits_assign(ARRAY(SELECT DISTINCT u.category FROM customers c, unnest(c.categories) AS u(category)));
            INSERT INTO segment_facts SELECT * FROM segment_facts_source
            """, default, ct);
        await factIndexes.RecreateAsync(conn, ct);
    }
}
