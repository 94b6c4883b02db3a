using Npgsql;

namespace Reach.Crm.Ingest.Bulk;

/// <summary>
/// The initial-load counterpart of the <c>segment_facts</c> triggers (migration <c>SegmentFacts</c>): for a load that
/// writes (nearly) every customer, the triggers that upsert each statement's changed customers are disabled inside the
/// ingest's transaction and the projection is rebuilt once from <c>segment_facts_source</c> at the end — one packed
/// insert instead of a transition table of every customer row plus an update of every fact row (which would leave
/// the table at twice its size until it is rewritten). Like <see cref="SecondaryIndexes"/> it takes the customers
/// table's lock until commit, and a failure rolls back to the triggers and facts as they were.
/// </summary>
internal sealed class SegmentFactsRebuild
{
    private const string Triggers = "TRIGGER segment_facts_on_insert, {0} TRIGGER segment_facts_on_update";

    private SegmentFactsRebuild()
    {
    }

    /// <summary>Disables the insert and update triggers on <c>customers</c> until <see cref="RebuildAsync"/>.</summary>
    public static async Task<SegmentFactsRebuild> SuspendAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        await BulkSql.ExecAsync(conn, $"ALTER TABLE customers DISABLE {string.Format(Triggers, "DISABLE")}", default, ct);
        return new SegmentFactsRebuild();
    }

    /// <summary>
    /// Re-enables the triggers and rewrites <c>segment_facts</c> from the customers as they now are, building its
    /// indexes after the insert (<see cref="SecondaryIndexes"/>).
    /// </summary>
    public async Task RebuildAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        await BulkSql.ExecAsync(conn, $"ALTER TABLE customers ENABLE {string.Format(Triggers, "ENABLE")}; TRUNCATE segment_facts", default, ct);
        var indexes = await SecondaryIndexes.DropAsync(conn, "segment_facts", ct);
        await BulkSql.ExecAsync(conn, "INSERT INTO segment_facts SELECT * FROM segment_facts_source", default, ct);
        await indexes.RecreateAsync(conn, ct);
    }
}
