using Npgsql;
using NpgsqlTypes;
using Reach.Crm.Receipts;

namespace Reach.Crm.Campaigns.Dispatch;

/// <summary>
/// The dispatcher's SQL: claim queued communications with <c>FOR NO KEY UPDATE SKIP LOCKED</c> and a lease (safe with several
/// CRM instances), mark sent batches dispatched (funnel counters and customers' last contact in the same transaction),
/// and complete campaigns whose messages are all out and whose receipts have gone quiet.
/// </summary>
public sealed class DispatchQueue(NpgsqlDataSource dataSource, TimeProvider time)
{
    /// <summary>A claimed message with what rendering needs.</summary>
    public sealed record Claimed(long Id, long CampaignId, string Channel, string Address, string? FirstName, string? Name, string? City, string? LastItem);

    /// <summary>Campaign data the dispatcher needs.</summary>
    public sealed record CampaignInfo(long Id, string Template, string Currency, string? TraceParent);

    /// <summary>
    /// Claims up to <paramref name="limit"/> queued messages of sending campaigns with ids above <paramref name="after"/>,
    /// leasing them for <paramref name="lease"/>. A worker passes the largest id it claimed last, so it does not walk
    /// again the front of the queue index, which fills with entries of messages already dispatched (dead until vacuum);
    /// it passes 0 again when a claim comes back empty, to pick up expired leases and new campaigns.
    /// </summary>
    public async Task<IReadOnlyList<Claimed>> ClaimAsync(int limit, TimeSpan lease, long after, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        await using var cmd = dataSource.CreateCommand("""
            WITH batch AS (
                SELECT m.id FROM communications m
                WHERE m.stage = 0 AND m.id > @after AND (m.lease_until IS NULL OR m.lease_until < @now)
                  AND m.campaign_id IN (SELECT id FROM campaigns WHERE status = 'sending')
                ORDER BY m.id
                LIMIT @limit
                FOR NO KEY UPDATE OF m SKIP LOCKED)
            UPDATE communications m SET lease_until = @lease, attempts = m.attempts + 1
            FROM batch, customers c
            WHERE m.id = batch.id AND c.id = m.customer_id
            RETURNING m.id, m.campaign_id, m.channel, m.recipient_address, c.first_name, c.name, c.city, c.last_item
            """);
        cmd.Parameters.AddWithValue("now", now.UtcDateTime);
        cmd.Parameters.AddWithValue("lease", (now + lease).UtcDateTime);
        cmd.Parameters.AddWithValue("limit", limit);
        cmd.Parameters.AddWithValue("after", after);
        var claimed = new List<Claimed>(limit);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            claimed.Add(new Claimed(reader.GetInt64(0), reader.GetInt64(1), reader.GetString(2), reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5),
                reader.IsDBNull(6) ? null : reader.GetString(6), reader.IsDBNull(7) ? null : reader.GetString(7)));
        }

        claimed.Sort((a, b) => a.Id.CompareTo(b.Id));
        return claimed;
    }

    /// <summary>The template, currency and launch trace of a campaign; null when it is no longer sending.</summary>
    public async Task<CampaignInfo?> CampaignAsync(long id, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("SELECT message_template, currency, launch_trace_parent FROM campaigns WHERE id = @id AND status = 'sending'");
        cmd.Parameters.AddWithValue("id", id);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct)
            ? new CampaignInfo(id, reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2))
            : null;
    }

    /// <summary>
    /// Records that the channel accepted these messages: stage at least <c>dispatched</c>, the rendered body, the
    /// customers' last contact, the funnel's dispatched counter (only for messages no receipt had already moved).
    /// Rows are locked <c>FOR NO KEY UPDATE</c> in id order: a concurrent receipt batch's foreign-key check takes
    /// <c>KEY SHARE</c> locks on the same communications in event order, which <c>FOR UPDATE</c> would conflict with
    /// (a deadlock, seen in the dispatch benchmark) and <c>FOR NO KEY UPDATE</c> does not.
    /// </summary>
    public async Task MarkDispatchedAsync(IReadOnlyList<long> ids, IReadOnlyList<string> bodies, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await using var cmd = new NpgsqlCommand($"""
            CREATE TEMP TABLE dispatched ON COMMIT DROP AS
            SELECT m.id, m.campaign_id, m.customer_id, m.stage AS old_stage
            FROM communications m WHERE m.id = ANY(@ids) ORDER BY m.id FOR NO KEY UPDATE;

            UPDATE communications m SET stage = greatest(m.stage, 1), dispatched_at = coalesce(m.dispatched_at, @now),
                   rendered_body = b.body, lease_until = NULL
            FROM unnest(@ids, @bodies) AS b(id, body) WHERE m.id = b.id;

            -- Rows only this batch touches first; the campaign's one funnel row (every worker's) last, so its lock is held briefly.
            -- Last contact is a narrow row of its own (an update stays on its page); rows in customer_id order, like every
            -- other batch that touches these customers (another campaign's, say), so two batches never deadlock.
            INSERT INTO customer_contacts AS k (customer_id, last_contacted_at)
            SELECT DISTINCT customer_id, @now FROM dispatched ORDER BY customer_id
            ON CONFLICT (customer_id) DO UPDATE SET last_contacted_at = excluded.last_contacted_at
            WHERE k.last_contacted_at < excluded.last_contacted_at;

            UPDATE campaign_funnels f SET dispatched = f.dispatched + d.n, updated_at = @now
            FROM (SELECT campaign_id, count(*) AS n FROM dispatched WHERE old_stage = 0 GROUP BY campaign_id) d
            WHERE f.campaign_id = d.campaign_id;

            INSERT INTO campaign_funnel_minutes AS fm (campaign_id, minute, dispatched, sent, delivered, opened, read, clicked, converted, failed, revenue)
            SELECT campaign_id, date_trunc('minute', @now), count(*), 0, 0, 0, 0, 0, 0, 0, 0 FROM dispatched WHERE old_stage = 0 GROUP BY campaign_id
            ON CONFLICT (campaign_id, minute) DO UPDATE SET dispatched = fm.dispatched + excluded.dispatched;

            SELECT pg_notify('{ReceiptIngestService.FunnelChannel}', campaign_id::text) FROM (SELECT DISTINCT campaign_id FROM dispatched) c;
            """, conn, tx);
        cmd.Parameters.Add(new NpgsqlParameter("ids", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = ids.ToArray() });
        cmd.Parameters.Add(new NpgsqlParameter("bodies", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = bodies.ToArray() });
        cmd.Parameters.AddWithValue("now", now);
        await cmd.ExecuteNonQueryAsync(ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>Completes sending campaigns with nothing queued and no receipt for <paramref name="quiet"/>; returns their ids.</summary>
    public async Task<IReadOnlyList<long>> CompleteQuietCampaignsAsync(TimeSpan quiet, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var cmd = dataSource.CreateCommand($"""
            WITH done AS (
                UPDATE campaigns k SET status = 'completed', completed_at = @now, updated_at = @now
                FROM campaign_funnels f
                WHERE f.campaign_id = k.id AND k.status = 'sending'
                  AND greatest(f.last_receipt_at, f.updated_at, k.launched_at) < @quiet_since
                  AND NOT EXISTS (SELECT 1 FROM communications m WHERE m.campaign_id = k.id AND m.stage = 0)
                RETURNING k.id),
            audit AS (
                INSERT INTO audit_log (occurred_at, actor, action, entity_type, entity_id)
                SELECT @now, 'system', 'campaign.completed', 'campaign', id FROM done)
            SELECT id, pg_notify('{ReceiptIngestService.FunnelChannel}', id::text) FROM done
            """);
        cmd.Parameters.AddWithValue("now", now);
        cmd.Parameters.AddWithValue("quiet_since", now - quiet);
        var ids = new List<long>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            ids.Add(reader.GetInt64(0));
        }

        return ids;
    }
}
