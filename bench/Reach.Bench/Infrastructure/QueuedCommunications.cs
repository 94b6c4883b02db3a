using Npgsql;

namespace Reach.Bench.Infrastructure;

/// <summary>Reads a launched campaign's still-queued communications (stage 0: no dispatch or receipt touched them yet).</summary>
public static class QueuedCommunications
{
    /// <summary>Up to <paramref name="limit"/> ids of <paramref name="campaignId"/>'s queued communications, lowest (or newest) first.</summary>
    /// <exception cref="InvalidOperationException">The campaign has none.</exception>
    public static async Task<List<long>> ReadAsync(string connectionString, long campaignId, int limit, bool newestFirst, CancellationToken cancellationToken)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync(cancellationToken);
        await using var cmd = new NpgsqlCommand(
            $"SELECT id FROM communications WHERE campaign_id = @c AND stage = 0 ORDER BY id {(newestFirst ? "DESC" : "ASC")} LIMIT @n", conn)
        {
            CommandTimeout = 0,
        };
        cmd.Parameters.AddWithValue("c", campaignId);
        cmd.Parameters.AddWithValue("n", limit);
        var ids = new List<long>(limit);
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetInt64(0));
        }

        return ids.Count > 0 ? ids : throw new InvalidOperationException($"campaign {campaignId} has no queued communications");
    }

    /// <summary>
    /// Writes what the dispatcher writes when the channel accepts <paramref name="ids"/> (stage 1, <c>dispatched_at</c>,
    /// the rendered body of <see cref="CampaignSetup.Template"/>, one attempt, the funnel's dispatched counter), in one
    /// statement, so receipts meet the messages in the state they have in production: receipts only follow a dispatch.
    /// </summary>
    public static async Task MarkDispatchedAsync(string connectionString, long campaignId, IReadOnlyList<long> ids, CancellationToken cancellationToken)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync(cancellationToken);
        await using var cmd = new NpgsqlCommand("""
            WITH sent AS (
                UPDATE communications m SET stage = 1, dispatched_at = now(), attempts = 1,
                       rendered_body = 'Hi ' || coalesce(nullif(c.first_name, ''), 'there')
                FROM customers c
                WHERE m.id = ANY(@ids) AND m.campaign_id = @c AND m.stage = 0 AND c.id = m.customer_id
                RETURNING 1)
            UPDATE campaign_funnels SET dispatched = dispatched + (SELECT count(*) FROM sent) WHERE campaign_id = @c
            """, conn)
        {
            CommandTimeout = 0,
        };
        cmd.Parameters.AddWithValue("c", campaignId);
        cmd.Parameters.AddWithValue("ids", ids.ToArray());
        await cmd.ExecuteNonQueryAsync(cancellationToken);
    }
}
