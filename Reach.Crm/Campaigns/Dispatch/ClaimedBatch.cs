using Npgsql;
using NpgsqlTypes;
using Reach.Crm.Receipts;

namespace Reach.Crm.Campaigns.Dispatch;

/// <summary>
/// Queued messages claimed by <see cref="DispatchQueue.ClaimAsync"/>: their rows stay locked (<c>FOR NO KEY UPDATE</c>)
/// by the transaction that claimed them while the dispatcher renders and posts them, and <see cref="CompleteAsync"/>
/// writes the outcome in that same transaction, so each communication is updated once per send. Messages the channel
/// <see cref="Accept">accepted</see> become <c>dispatched</c> (the rendered body, the customer's last contact, the funnel
/// counters); <see cref="Unacknowledged">unacknowledged</see> ones get a lease of
/// <see cref="DispatchOptions.LeaseSeconds"/> and are claimed — and sent — again only once it expires; messages with
/// neither (their campaign was cancelled meanwhile) are left as they were. Disposing without completing rolls back:
/// the messages are queued again at once (an instance that crashes mid-send loses its connection, and PostgreSQL does
/// the same); the channel de-duplicates by communication id, so a re-send never reaches anyone twice.
/// </summary>
/// <remarks>
/// Locks are taken in the same order as every other writer of these rows: the claimed communications (in id order, when
/// claimed), then customers' last contacts in customer id order, then the campaign's funnel row, then its per-minute
/// row — the receipts' order too (see <see cref="ReceiptIngestService"/>), so none of them deadlock. A receipt for a
/// message of an open batch waits for the batch to complete.
/// </remarks>
public sealed class ClaimedBatch(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<DispatchQueue.Claimed> messages, TimeProvider time)
    : IAsyncDisposable
{
    // Every claimed row was stage 0 when it was locked, and stays so until this transaction ends: each accepted message
    // moves the funnel's dispatched counter by exactly one.
    private const string CompleteSql = $"""
        UPDATE communications m SET stage = greatest(m.stage, 1), dispatched_at = coalesce(m.dispatched_at, @now),
               rendered_body = b.body, lease_until = NULL, attempts = m.attempts + 1
        FROM unnest(@ids, @bodies) AS b(id, body) WHERE m.id = b.id;

        UPDATE communications m SET lease_until = @lease, attempts = m.attempts + 1 WHERE m.id = ANY(@unacknowledged);

        -- Last contact is a narrow row of its own (an update stays on its page); rows in customer_id order, like every
        -- other batch that touches these customers (another campaign's, say), so two batches never deadlock.
        INSERT INTO customer_contacts AS k (customer_id, last_contacted_at)
        SELECT DISTINCT customer_id, @now FROM unnest(@customer_ids) AS t(customer_id) ORDER BY customer_id
        ON CONFLICT (customer_id) DO UPDATE SET last_contacted_at = excluded.last_contacted_at
        WHERE k.last_contacted_at < excluded.last_contacted_at;

        -- The campaign's one funnel row (every worker's) last, so its lock is held briefly.
        UPDATE campaign_funnels f SET dispatched = f.dispatched + d.n, updated_at = @now
        FROM (SELECT campaign_id, count(*) AS n FROM unnest(@campaign_ids) AS t(campaign_id) GROUP BY campaign_id) d
        WHERE f.campaign_id = d.campaign_id;

        INSERT INTO campaign_funnel_minutes AS fm (campaign_id, minute, dispatched, sent, delivered, opened, read, clicked, converted, failed, revenue)
        SELECT campaign_id, date_trunc('minute', @now), count(*), 0, 0, 0, 0, 0, 0, 0, 0
        FROM unnest(@campaign_ids) AS t(campaign_id) GROUP BY campaign_id ORDER BY campaign_id
        ON CONFLICT (campaign_id, minute) DO UPDATE SET dispatched = fm.dispatched + excluded.dispatched;

        SELECT pg_notify('{ReceiptIngestService.FunnelChannel}', campaign_id::text) FROM (SELECT DISTINCT unnest(@campaign_ids) AS campaign_id) c;
        """;

    private readonly List<(DispatchQueue.Claimed Message, string Body)> _accepted = [];
    private readonly List<long> _unacknowledged = [];

    /// <summary>The claimed messages, in id order.</summary>
    public IReadOnlyList<DispatchQueue.Claimed> Messages => messages;

    /// <summary>Notes that the channel accepted <paramref name="accepted"/>, rendered as <paramref name="bodies"/> (same order).</summary>
    public void Accept(IReadOnlyList<DispatchQueue.Claimed> accepted, IReadOnlyList<string> bodies)
    {
        for (var i = 0; i < accepted.Count; i++)
        {
            _accepted.Add((accepted[i], bodies[i]));
        }
    }

    /// <summary>Notes that the channel did not acknowledge <paramref name="sent"/>: they are sent again after the lease.</summary>
    public void Unacknowledged(IEnumerable<DispatchQueue.Claimed> sent) => _unacknowledged.AddRange(sent.Select(m => m.Id));

    /// <summary>
    /// Writes what was noted — accepted messages dispatched, unacknowledged ones leased for <paramref name="lease"/> — and
    /// commits, which releases every claimed row.
    /// </summary>
    public async Task CompleteAsync(TimeSpan lease, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        if (_accepted.Count > 0 || _unacknowledged.Count > 0)
        {
            await using var cmd = new NpgsqlCommand(CompleteSql, connection, transaction);
            cmd.Parameters.Add(Array("ids", NpgsqlDbType.Bigint, _accepted.Select(a => a.Message.Id).ToArray()));
            cmd.Parameters.Add(Array("bodies", NpgsqlDbType.Text, _accepted.Select(a => a.Body).ToArray()));
            cmd.Parameters.Add(Array("customer_ids", NpgsqlDbType.Bigint, _accepted.Select(a => a.Message.CustomerId).ToArray()));
            cmd.Parameters.Add(Array("campaign_ids", NpgsqlDbType.Bigint, _accepted.Select(a => a.Message.CampaignId).ToArray()));
            cmd.Parameters.Add(Array("unacknowledged", NpgsqlDbType.Bigint, _unacknowledged.ToArray()));
            cmd.Parameters.AddWithValue("now", now);
            cmd.Parameters.AddWithValue("lease", now + lease);
            await cmd.ExecuteNonQueryAsync(ct);
        }

        await transaction.CommitAsync(ct);
    }

    /// <summary>Rolls back unless completed (the claimed messages are queued again at once) and returns the connection.</summary>
    public async ValueTask DisposeAsync()
    {
        await transaction.DisposeAsync();
        await connection.DisposeAsync();
    }

    private static NpgsqlParameter Array<T>(string name, NpgsqlDbType element, T[] values) =>
        new(name, NpgsqlDbType.Array | element) { Value = values };
}
