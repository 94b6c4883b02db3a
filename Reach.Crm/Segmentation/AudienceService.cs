using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;
using Npgsql;
using Reach.Crm.Segmentation.Dsl;

namespace Reach.Crm.Segmentation;

/// <summary>Counts and samples audiences: one round trip of two statements over the maintained customer metrics.</summary>
public sealed class AudienceService(NpgsqlDataSource dataSource, IOptions<SegmentationOptions> options, TimeProvider time)
{
    /// <summary>Most customers a sample holds.</summary>
    public const int SampleSize = 8;

    private static readonly ActivitySource Activity = new("Reach.Crm.Segmentation");
    private static readonly Meter Meter = new("Reach.Crm");
    private static readonly Histogram<double> PreviewDuration =
        Meter.CreateHistogram<double>("reach.segment.preview.duration", "ms", "Time to count and sample an audience");

    private static readonly string CountColumns = string.Join(", ",
        ChannelSql.Channels.Select(ch => $"count(*) FILTER (WHERE {ChannelSql.Reachable(ch)})"));

    /// <summary>The reference time for "N days ago": <c>Reach:Segmentation:AsOf</c>, or now.</summary>
    public DateTimeOffset ReferenceTime => options.Value.AsOf ?? time.GetUtcNow();

    /// <summary>Compiles <paramref name="filter"/> against the current reference time.</summary>
    public CompiledFilter Compile(FilterGroup filter) => SegmentSqlCompiler.Compile(filter, ReferenceTime);

    /// <summary>Counts the audience, its reachable part per channel, and takes a sample.</summary>
    public async Task<AudiencePreview> PreviewAsync(FilterGroup filter, CancellationToken ct)
    {
        using var activity = Activity.StartActivity("segment preview");
        var started = Stopwatch.GetTimestamp();
        var reference = ReferenceTime;
        var compiled = SegmentSqlCompiler.Compile(filter, reference);
        await using var batch = dataSource.CreateBatch();
        var count = new NpgsqlBatchCommand($"SELECT count(*), {CountColumns} FROM customers c WHERE {compiled.Sql}");
        count.Parameters.AddRange(compiled.CloneParameters().ToArray());
        var sample = new NpgsqlBatchCommand($"""
            SELECT c.id, c.external_id, c.name, c.email, c.city, c.country, c.order_count, c.total_spent, c.last_order_at, c.is_synthetic
            FROM customers c WHERE {compiled.Sql} ORDER BY c.id LIMIT {SampleSize}
            """);
        sample.Parameters.AddRange(compiled.CloneParameters().ToArray());
        batch.BatchCommands.Add(count);
        batch.BatchCommands.Add(sample);

        await using var reader = await batch.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        var total = reader.GetInt64(0);
        var reachable = new ReachableCounts(reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4));
        await reader.NextResultAsync(ct);
        var members = new List<AudienceMember>(SampleSize);
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

        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        PreviewDuration.Record(elapsed);
        activity?.SetTag("reach.segment.count", total);
        return new AudiencePreview(total, reachable, members, SegmentDescriber.Describe(filter), reference, Math.Round(elapsed, 1));
    }

    /// <summary>Counts the audience only.</summary>
    public async Task<(long Count, double ElapsedMs)> CountAsync(FilterGroup filter, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var compiled = Compile(filter);
        await using var cmd = dataSource.CreateCommand($"SELECT count(*) FROM customers c WHERE {compiled.Sql}");
        cmd.Parameters.AddRange(compiled.CloneParameters().ToArray());
        var count = (long)(await cmd.ExecuteScalarAsync(ct))!;
        return (count, Math.Round(Stopwatch.GetElapsedTime(started).TotalMilliseconds, 1));
    }

    /// <summary>The ids of the customers in the audience (for tests and evaluation; streams, ordered by id).</summary>
    public async IAsyncEnumerable<long> MemberIdsAsync(FilterGroup filter, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var compiled = Compile(filter);
        await using var cmd = dataSource.CreateCommand($"SELECT c.id FROM customers c WHERE {compiled.Sql} ORDER BY c.id");
        cmd.Parameters.AddRange(compiled.CloneParameters().ToArray());
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            yield return reader.GetInt64(0);
        }
    }
}
