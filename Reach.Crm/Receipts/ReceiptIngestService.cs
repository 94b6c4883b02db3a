using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using Reach.Crm.Campaigns;

namespace Reach.Crm.Receipts;

/// <summary>
/// Applies receipt batches exactly once in effect and independent of order (ARCHITECTURE §8), one transaction per
/// batch: events are inserted with <c>ON CONFLICT (event_id) DO NOTHING</c>; each communication touched is locked,
/// its <c>stage</c> only moves forward, a stage timestamp is set only if still empty, <c>failed</c> counts only
/// without delivery evidence, and the conversion value is attributed once; the campaign's funnel counters and
/// per-minute series move by exactly the difference; a <c>NOTIFY</c> tells live funnels.
/// </summary>
public sealed class ReceiptIngestService(NpgsqlDataSource dataSource, TimeProvider time, ILogger<ReceiptIngestService> logger)
{
    /// <summary>The PostgreSQL channel funnel changes are announced on (payload: the campaign id).</summary>
    public const string FunnelChannel = "reach_funnel";

    private static readonly ActivitySource Activity = new("Reach.Crm.Receipts");
    private static readonly Meter Meter = new("Reach.Crm");
    private static readonly Counter<long> Receipts = Meter.CreateCounter<long>("reach.receipts", "{receipt}", "Receipts by outcome: applied, duplicate, unknown");
    private static readonly Histogram<double> BatchDuration = Meter.CreateHistogram<double>("reach.receipts.batch.duration", "ms", "Time to apply one receipt batch");

    // One statement, no temporary tables (their catalog churn cost more than the work for small batches). Order of
    // locks: the events are inserted first (a plain read of communications), then the communications touched are
    // locked in id order (moved), then — deltas aggregates all of moved — the campaign's funnel row, and last the
    // per-minute rows: the dispatcher's order, so the two never deadlock.
    private const string Sql = $"""
        WITH rx AS (
            SELECT * FROM unnest(@event_ids, @communication_ids, @types, @ranks, @occurred, @reasons, @values, @payloads)
                AS t(event_id, communication_id, type, rank, occurred_at, reason, order_value, payload)),
        ins AS (
            INSERT INTO receipt_events (event_id, communication_id, type, occurred_at, received_at, payload)
            SELECT DISTINCT ON (r.event_id) r.event_id, r.communication_id, r.type, r.occurred_at, @now, r.payload
            FROM rx r JOIN communications m ON m.id = r.communication_id
            ORDER BY r.event_id
            ON CONFLICT (event_id) DO NOTHING
            RETURNING event_id),
        applied AS (
            SELECT DISTINCT ON (r.event_id) r.* FROM rx r JOIN ins ON ins.event_id = r.event_id ORDER BY r.event_id),
        per_message AS (
            SELECT communication_id,
                   max(rank) FILTER (WHERE rank >= 0) AS max_rank,
                   min(occurred_at) FILTER (WHERE type = 'sent') AS sent_at,
                   min(occurred_at) FILTER (WHERE type = 'delivered') AS delivered_at,
                   min(occurred_at) FILTER (WHERE type = 'opened') AS opened_at,
                   min(occurred_at) FILTER (WHERE type = 'read') AS read_at,
                   min(occurred_at) FILTER (WHERE type = 'clicked') AS clicked_at,
                   min(occurred_at) FILTER (WHERE type = 'converted') AS converted_at,
                   min(occurred_at) FILTER (WHERE type = 'failed') AS failed_at,
                   min(reason) FILTER (WHERE type = 'failed') AS reason,
                   max(order_value) FILTER (WHERE type = 'converted') AS order_value,
                   max(occurred_at) AS last_at
            FROM applied GROUP BY communication_id),
        moved AS MATERIALIZED (
            SELECT m.id, m.campaign_id, m.stage AS old_stage, m.failed_at IS NOT NULL AS had_failure, m.conversion_value AS old_value,
                   greatest(m.stage, coalesce(a.max_rank, m.stage)) AS new_stage,
                   m.failed_at IS NOT NULL OR a.failed_at IS NOT NULL AS has_failure,
                   a.sent_at, a.delivered_at, a.opened_at, a.read_at, a.clicked_at, a.converted_at, a.failed_at, a.reason, a.order_value,
                   date_trunc('minute', a.last_at) AS minute
            FROM communications m JOIN per_message a ON a.communication_id = m.id
            ORDER BY m.id
            FOR NO KEY UPDATE OF m),
        upd AS (
            UPDATE communications m SET
                stage = mv.new_stage,
                sent_at = coalesce(m.sent_at, mv.sent_at),
                delivered_at = coalesce(m.delivered_at, mv.delivered_at),
                opened_at = coalesce(m.opened_at, mv.opened_at),
                read_at = coalesce(m.read_at, mv.read_at),
                clicked_at = coalesce(m.clicked_at, mv.clicked_at),
                converted_at = coalesce(m.converted_at, mv.converted_at),
                failed_at = coalesce(m.failed_at, mv.failed_at),
                failure_reason = coalesce(m.failure_reason, mv.reason),
                conversion_value = coalesce(m.conversion_value, mv.order_value)
            FROM moved mv WHERE m.id = mv.id),
        deltas AS MATERIALIZED (
            SELECT campaign_id, minute,
                   count(*) FILTER (WHERE old_stage < 1 AND new_stage >= 1) AS dispatched,
                   count(*) FILTER (WHERE old_stage < 2 AND new_stage >= 2) AS sent,
                   count(*) FILTER (WHERE old_stage < 3 AND new_stage >= 3) AS delivered,
                   count(*) FILTER (WHERE old_stage < 4 AND new_stage >= 4) AS opened,
                   count(*) FILTER (WHERE old_stage < 5 AND new_stage >= 5) AS read,
                   count(*) FILTER (WHERE old_stage < 6 AND new_stage >= 6) AS clicked,
                   count(*) FILTER (WHERE old_stage < 7 AND new_stage >= 7) AS converted,
                   sum((has_failure AND new_stage < 3)::int - (had_failure AND old_stage < 3)::int) AS failed,
                   coalesce(sum(order_value) FILTER (WHERE old_value IS NULL), 0) AS revenue
            FROM moved GROUP BY campaign_id, minute),
        funnel AS (
            UPDATE campaign_funnels f SET
                dispatched = f.dispatched + d.dispatched, sent = f.sent + d.sent, delivered = f.delivered + d.delivered,
                opened = f.opened + d.opened, read = f.read + d.read, clicked = f.clicked + d.clicked,
                converted = f.converted + d.converted, failed = f.failed + d.failed, revenue = f.revenue + d.revenue,
                last_receipt_at = @now, updated_at = @now
            FROM (SELECT campaign_id, sum(dispatched) AS dispatched, sum(sent) AS sent, sum(delivered) AS delivered, sum(opened) AS opened,
                         sum(read) AS read, sum(clicked) AS clicked, sum(converted) AS converted, sum(failed) AS failed, sum(revenue) AS revenue
                  FROM deltas GROUP BY campaign_id) d
            WHERE f.campaign_id = d.campaign_id
            RETURNING f.campaign_id),
        minutes AS (
            -- Joined to the funnel update's RETURNING so it runs after it: PostgreSQL runs unreferenced data-modifying
            -- CTEs last-defined first, which would take the minute rows before the funnel row — the dispatcher takes
            -- them the other way round, and the two deadlocked (seen in the dispatch benchmark).
            INSERT INTO campaign_funnel_minutes AS fm (campaign_id, minute, dispatched, sent, delivered, opened, read, clicked, converted, failed, revenue)
            SELECT d.campaign_id, d.minute, d.dispatched, d.sent, d.delivered, d.opened, d.read, d.clicked, d.converted, d.failed, d.revenue
            FROM deltas d JOIN funnel u ON u.campaign_id = d.campaign_id
            ORDER BY d.campaign_id, d.minute
            ON CONFLICT (campaign_id, minute) DO UPDATE SET
                dispatched = fm.dispatched + excluded.dispatched, sent = fm.sent + excluded.sent, delivered = fm.delivered + excluded.delivered,
                opened = fm.opened + excluded.opened, read = fm.read + excluded.read, clicked = fm.clicked + excluded.clicked,
                converted = fm.converted + excluded.converted, failed = fm.failed + excluded.failed, revenue = fm.revenue + excluded.revenue)
        SELECT (SELECT count(*) FROM applied)::int,
               (SELECT count(*) FROM rx r WHERE NOT EXISTS (SELECT 1 FROM communications m WHERE m.id = r.communication_id))::int,
               (SELECT count(pg_notify('{FunnelChannel}', campaign_id::text)) FROM (SELECT DISTINCT campaign_id FROM moved) c)::int
        """;

    /// <summary>Applies one validated batch.</summary>
    public async Task<ReceiptBatchResult> ApplyAsync(IReadOnlyList<ReceiptDto> events, CancellationToken ct)
    {
        using var activity = Activity.StartActivity("receipts apply");
        activity?.SetTag("reach.receipts.batch_size", events.Count);
        var started = Stopwatch.GetTimestamp();
        var n = events.Count;
        var ids = new string[n];
        var comms = new long[n];
        var types = new string[n];
        var ranks = new short[n];
        var occurred = new DateTime[n];
        var reasons = new string?[n];
        var values = new decimal?[n];
        var payloads = new string[n];
        for (var i = 0; i < n; i++)
        {
            var e = events[i];
            ids[i] = e.EventId!;
            comms[i] = e.CommunicationId!.Value;
            types[i] = e.Type!;
            ranks[i] = CommunicationStage.Rank(e.Type!);
            occurred[i] = e.OccurredAt!.Value.UtcDateTime;
            reasons[i] = e.Reason;
            values[i] = e.Type == "converted" ? e.OrderValue : null;
            payloads[i] = JsonSerializer.Serialize(e, ReceiptJsonContext.Default.ReceiptDto);
        }

        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await using var cmd = new NpgsqlCommand(Sql, conn, tx);
        cmd.Parameters.Add(new NpgsqlParameter("event_ids", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = ids });
        cmd.Parameters.Add(new NpgsqlParameter("communication_ids", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = comms });
        cmd.Parameters.Add(new NpgsqlParameter("types", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = types });
        cmd.Parameters.Add(new NpgsqlParameter("ranks", NpgsqlDbType.Array | NpgsqlDbType.Smallint) { Value = ranks });
        cmd.Parameters.Add(new NpgsqlParameter("occurred", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz) { Value = occurred });
        cmd.Parameters.Add(new NpgsqlParameter("reasons", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = reasons });
        cmd.Parameters.Add(new NpgsqlParameter("values", NpgsqlDbType.Array | NpgsqlDbType.Numeric) { Value = values });
        cmd.Parameters.Add(new NpgsqlParameter("payloads", NpgsqlDbType.Array | NpgsqlDbType.Json) { Value = payloads });
        cmd.Parameters.AddWithValue("now", time.GetUtcNow().UtcDateTime);
        int applied, unknown;
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
        {
            await reader.ReadAsync(ct);
            (applied, unknown) = (reader.GetInt32(0), reader.GetInt32(1));
        }

        await tx.CommitAsync(ct);
        var result = new ReceiptBatchResult(applied, n - applied - unknown, unknown);
        Receipts.Add(result.Applied, new KeyValuePair<string, object?>("outcome", "applied"));
        Receipts.Add(result.Duplicate, new KeyValuePair<string, object?>("outcome", "duplicate"));
        Receipts.Add(result.Unknown, new KeyValuePair<string, object?>("outcome", "unknown"));
        BatchDuration.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        activity?.SetTag("reach.receipts.applied", result.Applied);
        activity?.SetTag("reach.receipts.duplicate", result.Duplicate);
        if (result.Unknown > 0)
        {
            logger.LogWarning("Receipt batch named {Unknown} unknown communication(s); the rest was applied", result.Unknown);
        }

        return result;
    }
}
