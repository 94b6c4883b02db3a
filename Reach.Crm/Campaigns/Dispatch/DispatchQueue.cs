using Npgsql;
using Reach.Crm.Receipts;

namespace Reach.Crm.Campaigns.Dispatch;

/// <summary>
/// The dispatcher's SQL: claim queued communications with <c>FOR NO KEY UPDATE SKIP LOCKED</c> in a transaction that
/// stays open while the batch is posted (safe with several CRM instances: each skips the rows another holds), record the
/// outcome in that transaction (see <see cref="ClaimedBatch"/>), and complete campaigns whose messages are all out and
/// whose receipts have gone quiet.
/// </summary>
public sealed class DispatchQueue(NpgsqlDataSource dataSource, TimeProvider time)
{
    /// <summary>A claimed message with what rendering needs.</summary>
    public sealed record Claimed(long Id, long CampaignId, long CustomerId, string Channel, string Address, string? FirstName, string? Name, string? City, string? LastItem);

    /// <summary>Campaign data the dispatcher needs.</summary>
    public sealed record CampaignInfo(long Id, string Template, string Currency, string? TraceParent);

    /// <summary>
    /// Claims up to <paramref name="limit"/> queued messages of sending campaigns with ids above <paramref name="after"/>
    /// whose lease (set when the channel did not acknowledge an earlier send) has expired or was never set. The rows stay
    /// locked by the returned batch's open transaction until it completes; null when nothing was claimed. The dispatcher
    /// passes the largest id its workers claimed, so a claim does not walk again the front of the queue index, which
    /// fills with entries of messages already dispatched (dead until vacuum) or held by the other workers; it passes 0
    /// again when a claim comes back empty, to pick up expired leases and new campaigns. The queue index holds the messages
    /// not yet dispatched (<c>dispatched_at IS NULL</c>); a claim also needs stage 0, because a receipt for a message whose
    /// dispatch was rolled back after the channel took it moves its stage without dispatching it — the channel has it, so it
    /// is not sent again.
    /// </summary>
    public async Task<ClaimedBatch?> ClaimAsync(int limit, long after, CancellationToken ct)
    {
        var conn = await dataSource.OpenConnectionAsync(ct);
        NpgsqlTransaction? tx = null;
        try
        {
            tx = await conn.BeginTransactionAsync(ct);
            await using var cmd = new NpgsqlCommand("""
                WITH batch AS MATERIALIZED (
                    SELECT m.id, m.campaign_id, m.customer_id, m.channel, m.recipient_address FROM communications m
                    WHERE m.dispatched_at IS NULL AND m.stage = 0 AND m.id > @after AND (m.lease_until IS NULL OR m.lease_until < @now)
                      AND m.campaign_id IN (SELECT id FROM campaigns WHERE status = 'sending')
                    ORDER BY m.id
                    LIMIT @limit
                    FOR NO KEY UPDATE OF m SKIP LOCKED)
                SELECT b.id, b.campaign_id, b.customer_id, b.channel, b.recipient_address, c.first_name, c.name, c.city, c.last_item
                FROM batch b JOIN customers c ON c.id = b.customer_id
                ORDER BY b.id
                """, conn, tx);
            cmd.Parameters.AddWithValue("now", time.GetUtcNow().UtcDateTime);
            cmd.Parameters.AddWithValue("limit", limit);
            cmd.Parameters.AddWithValue("after", after);
            var claimed = new List<Claimed>(limit);
            await using (var reader = await cmd.ExecuteReaderAsync(ct))
            {
                while (await reader.ReadAsync(ct))
                {
                    claimed.Add(new Claimed(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetString(3), reader.GetString(4),
                        reader.IsDBNull(5) ? null : reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetString(6),
                        reader.IsDBNull(7) ? null : reader.GetString(7), reader.IsDBNull(8) ? null : reader.GetString(8)));
                }
            }

            if (claimed.Count == 0)
            {
                await tx.DisposeAsync();
                await conn.DisposeAsync();
                return null;
            }

            return new ClaimedBatch(conn, tx, claimed, time);
        }
        catch
        {
            if (tx is not null)
            {
                await tx.DisposeAsync();
            }

            await conn.DisposeAsync();
            throw;
        }
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
    /// Completes sending campaigns with nothing queued and no receipt for <paramref name="quiet"/>; returns their ids.
    /// "Nothing queued" is read from the funnel's counters: <c>dispatched</c> counts every message that left stage 0
    /// (the dispatcher's and the receipts' statements move it exactly once per message), <c>queued</c> is the audience.
    /// </summary>
    public async Task<IReadOnlyList<long>> CompleteQuietCampaignsAsync(TimeSpan quiet, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var cmd = dataSource.CreateCommand($"""
            WITH done AS (
                UPDATE campaigns k SET status = 'completed', completed_at = @now, updated_at = @now
                FROM campaign_funnels f
                WHERE f.campaign_id = k.id AND k.status = 'sending'
                  AND greatest(f.last_receipt_at, f.updated_at, k.launched_at) < @quiet_since
                  AND f.dispatched >= f.queued
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
