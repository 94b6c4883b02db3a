using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;
using Npgsql;
using Reach.Crm.Segmentation.Dsl;

namespace Reach.Crm.Segmentation;

/// <summary>
/// Counts and samples audiences over the segment facts (the maintained customer metrics, one narrow row per customer):
/// the count (with reachable counts per channel), then, unless it is zero, a sample whose plan suits how common the
/// audience is.
/// </summary>
public sealed class AudienceService(NpgsqlDataSource dataSource, IOptions<SegmentationOptions> options, TimeProvider time)
{
    /// <summary>Most customers a sample holds.</summary>
    public const int SampleSize = 8;

    private static readonly ActivitySource Activity = new("Reach.Crm.Segmentation");
    private static readonly Meter Meter = new("Reach.Crm");
    private static readonly Histogram<double> PreviewDuration =
        Meter.CreateHistogram<double>("reach.segment.preview.duration", "ms", "Time to count and sample an audience");

    private static readonly string CountColumns = string.Join(", ",
        ChannelSql.Channels.Select(ch => $"count(*) FILTER (WHERE {ChannelSql.ReachableFact(ch)})"));

    /// <summary>The reference time for "N days ago": <c>Reach:Segmentation:AsOf</c>, or now.</summary>
    public DateTimeOffset ReferenceTime => options.Value.AsOf ?? time.GetUtcNow();

    /// <summary>Compiles <paramref name="filter"/> against the current reference time.</summary>
    public CompiledFilter Compile(FilterGroup filter) => SegmentSqlCompiler.Compile(filter, ReferenceTime);

    /// <summary>
    /// What an audience count's transaction sets for the planner: <c>SET LOCAL max_parallel_workers_per_gather</c> to
    /// <see cref="SegmentationOptions.MaxParallelWorkers"/> clamped to 0–8 (the bench's <c>EXPLAIN</c> runs it too, so its
    /// plans are the previews').
    /// </summary>
    public static string PlannerSettingsSql(SegmentationOptions options) =>
        $"SET LOCAL max_parallel_workers_per_gather = {Math.Clamp(options.MaxParallelWorkers, 0, 8)}";

    /// <summary>
    /// The preview's count statement: one row of the audience's size, its reachable part per channel (in the order of
    /// <see cref="ChannelSql.Channels"/>) and the planner's estimate of all customers (<c>reltuples</c>).
    /// </summary>
    public static string CountSql(CompiledFilter compiled) => $"""
        SELECT count(*), {CountColumns}, (SELECT reltuples::bigint FROM pg_class WHERE oid = 'segment_facts'::regclass)
        FROM {CompiledFilter.From} WHERE {compiled.Sql}
        """;

    /// <summary>Counts the audience, its reachable part per channel, and takes a sample.</summary>
    public async Task<AudiencePreview> PreviewAsync(FilterGroup filter, CancellationToken ct)
    {
        using var activity = Activity.StartActivity("segment preview");
        var started = Stopwatch.GetTimestamp();
        var reference = ReferenceTime;
        var compiled = SegmentSqlCompiler.Compile(filter, reference);
        long total, estimatedCustomers;
        ReachableCounts reachable;
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await BeginReadAsync(conn, ct);
        await using (var count = new NpgsqlCommand(CountSql(compiled), conn, tx))
        {
            count.Parameters.AddRange(compiled.CloneParameters().ToArray());
            await using var reader = await count.ExecuteReaderAsync(ct);
            await reader.ReadAsync(ct);
            total = reader.GetInt64(0);
            reachable = new ReachableCounts(reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4));
            estimatedCustomers = reader.IsDBNull(5) ? 0 : reader.GetInt64(5);
        }

        var members = total == 0 ? [] : await SampleAsync(conn, tx, compiled, CommonEnough(total, estimatedCustomers), ct);
        await tx.CommitAsync(ct);
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        PreviewDuration.Record(elapsed);
        activity?.SetTag("reach.segment.count", total);
        return new AudiencePreview(total, reachable, members, SegmentDescriber.Describe(filter), reference, Math.Round(elapsed, 1));
    }

    /// <summary>
    /// Whether walking the primary key in id order finds the sample soon: it visits about
    /// <c>SampleSize × customers / audience</c> rows, so an audience of at least 1 in 5,000 customers is found within
    /// ~40,000 rows (a few ms). A rarer one would make that walk visit most of the table (measured: 0.6 s for an
    /// audience of none at 250,000 customers), so its sample filters first and sorts the few matches instead.
    /// </summary>
    private static bool CommonEnough(long audience, long customers) => customers <= 0 || audience * 5_000 >= customers;

    /// <summary>
    /// A read-only repeatable-read transaction (the count and its sample see one snapshot) whose statements may use
    /// <see cref="SegmentationOptions.MaxParallelWorkers"/> parallel workers.
    /// </summary>
    private async Task<NpgsqlTransaction> BeginReadAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        var tx = await conn.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct);
        await using var set = new NpgsqlCommand($"SET TRANSACTION READ ONLY; {PlannerSettingsSql(options.Value)}", conn, tx);
        await set.ExecuteNonQueryAsync(ct);
        return tx;
    }

    private static async Task<List<AudienceMember>> SampleAsync(NpgsqlConnection conn, NpgsqlTransaction tx, CompiledFilter compiled, bool walkPrimaryKey, CancellationToken ct)
    {
        // The sample's ids come from the facts alone, then their customers by primary key. "f.customer_id + 0" is not the
        // primary key's expression, so the planner filters first and sorts the few matches.
        await using var sample = new NpgsqlCommand($"""
            SELECT c.id, c.external_id, c.name, c.email, c.city, c.country, c.order_count, c.total_spent, c.last_order_at, c.is_synthetic
            FROM customers c
            JOIN (SELECT f.customer_id FROM {CompiledFilter.From} WHERE {compiled.Sql}
                  ORDER BY {(walkPrimaryKey ? "f.customer_id" : "f.customer_id + 0")} LIMIT {SampleSize}) s ON s.customer_id = c.id
            ORDER BY c.id
            """, conn, tx);
        sample.Parameters.AddRange(compiled.CloneParameters().ToArray());
        var members = new List<AudienceMember>(SampleSize);
        await using var reader = await sample.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            members.Add(new AudienceMember(
                reader.GetInt64(0),
                reader.IsDBNull(1) ? null : reader.GetString(1),
                reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetString(5),
                reader.GetInt32(6),
                reader.GetDecimal(7),
                reader.IsDBNull(8) ? null : reader.GetFieldValue<DateTimeOffset>(8),
                reader.GetBoolean(9)));
        }

        return members;
    }

    /// <summary>Counts the audience only.</summary>
    public async Task<(long Count, double ElapsedMs)> CountAsync(FilterGroup filter, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var compiled = Compile(filter);
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await BeginReadAsync(conn, ct);
        await using var cmd = new NpgsqlCommand($"SELECT count(*) FROM {CompiledFilter.From} WHERE {compiled.Sql}", conn, tx);
        cmd.Parameters.AddRange(compiled.CloneParameters().ToArray());
        var count = (long)(await cmd.ExecuteScalarAsync(ct))!;
        await tx.CommitAsync(ct);
        return (count, Math.Round(Stopwatch.GetElapsedTime(started).TotalMilliseconds, 1));
    }

    /// <summary>The ids of the customers in the audience (for tests and evaluation; streams, ordered by id).</summary>
    public async IAsyncEnumerable<long> MemberIdsAsync(FilterGroup filter, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var compiled = Compile(filter);
        await using var cmd = dataSource.CreateCommand($"SELECT f.customer_id FROM {CompiledFilter.From} WHERE {compiled.Sql} ORDER BY f.customer_id");
        cmd.Parameters.AddRange(compiled.CloneParameters().ToArray());
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            yield return reader.GetInt64(0);
        }
    }
}
