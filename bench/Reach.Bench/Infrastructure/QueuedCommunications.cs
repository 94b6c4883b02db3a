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
}
