using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Npgsql;
using Reach.Crm.Infrastructure;
using Reach.Crm.Receipts;

namespace Reach.Crm.Campaigns.Funnel;

/// <summary>Reads funnel snapshots from the maintained counters, and streams them live from PostgreSQL notifications.</summary>
public sealed class FunnelService(NpgsqlDataSource dataSource, PostgresListener listener, TimeProvider time)
{
    /// <summary>Least time between two streamed snapshots of one campaign (coalescing): 250 ms, so at most 4 a second.</summary>
    public static readonly TimeSpan Coalesce = TimeSpan.FromMilliseconds(250);

    /// <summary>A snapshot re-sent when nothing changed, so proxies keep the stream open: every 15 s.</summary>
    public static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(15);

    /// <summary>The funnel of a launched campaign; null when the campaign doesn't exist or was never launched.</summary>
    public async Task<FunnelSnapshot?> SnapshotAsync(long campaignId, CancellationToken ct)
    {
        await using var batch = dataSource.CreateBatch();
        var counts = new NpgsqlBatchCommand("""
            SELECT k.status, k.currency, f.queued, f.dispatched, f.sent, f.delivered, f.opened, f.read, f.clicked, f.converted, f.failed, f.revenue
            FROM campaigns k JOIN campaign_funnels f ON f.campaign_id = k.id WHERE k.id = @id
            """);
        counts.Parameters.AddWithValue("id", campaignId);
        var series = new NpgsqlBatchCommand("""
            SELECT minute, dispatched, sent, delivered, opened, read, clicked, converted, failed, revenue
            FROM (SELECT * FROM campaign_funnel_minutes WHERE campaign_id = @id ORDER BY minute DESC LIMIT 180) m ORDER BY minute
            """);
        series.Parameters.AddWithValue("id", campaignId);
        batch.BatchCommands.Add(counts);
        batch.BatchCommands.Add(series);
        await using var reader = await batch.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct))
        {
            return null;
        }

        var status = reader.GetString(0);
        var funnel = new FunnelCounts(reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5), reader.GetInt64(6),
            reader.GetInt64(7), reader.GetInt64(8), reader.GetInt64(9), reader.GetInt64(10), reader.GetDecimal(11), reader.GetString(1));
        await reader.NextResultAsync(ct);
        var minutes = new List<FunnelMinute>();
        while (await reader.ReadAsync(ct))
        {
            minutes.Add(new FunnelMinute(reader.GetFieldValue<DateTimeOffset>(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3),
                reader.GetInt64(4), reader.GetInt64(5), reader.GetInt64(6), reader.GetInt64(7), reader.GetInt64(8), reader.GetDecimal(9)));
        }

        return new FunnelSnapshot(campaignId, status, funnel, funnel.Rates, minutes, time.GetUtcNow());
    }

    /// <summary>
    /// The current snapshot, then a new one after each change announced by PostgreSQL <c>NOTIFY</c> (from any CRM
    /// replica), coalesced to at most one per <see cref="Coalesce"/>; no polling of counts.
    /// </summary>
    public async IAsyncEnumerable<FunnelSnapshot> StreamAsync(long campaignId, [EnumeratorCancellation] CancellationToken ct)
    {
        var changed = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
        var key = campaignId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var subscription = listener.Subscribe(ReceiptIngestService.FunnelChannel, payload =>
        {
            if (payload.Length == 0 || payload == key)
            {
                changed.Writer.TryWrite(true);
            }
        });

        var snapshot = await SnapshotAsync(campaignId, ct);
        if (snapshot is null)
        {
            yield break;
        }

        yield return snapshot;
        while (!ct.IsCancellationRequested)
        {
            using var heartbeat = CancellationTokenSource.CreateLinkedTokenSource(ct);
            heartbeat.CancelAfter(Heartbeat);
            try
            {
                await changed.Reader.ReadAsync(heartbeat.Token);
                await Task.Delay(Coalesce, ct);
                changed.Reader.TryRead(out _);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                // Heartbeat: send the snapshot again.
            }

            snapshot = await SnapshotAsync(campaignId, ct);
            if (snapshot is null)
            {
                yield break;
            }

            yield return snapshot;
        }
    }
}
