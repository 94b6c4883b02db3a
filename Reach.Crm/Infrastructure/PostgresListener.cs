using System.Collections.Concurrent;
using Npgsql;

namespace Reach.Crm.Infrastructure;

/// <summary>
/// One connection per CRM instance that <c>LISTEN</c>s on Reach's PostgreSQL notification channels and hands each
/// notification to the subscribers of that channel — the way work and funnel changes reach every replica.
/// Reconnects with backoff when the connection drops.
/// </summary>
public sealed class PostgresListener(NpgsqlDataSource dataSource, DatabaseState state, ILogger<PostgresListener> logger) : BackgroundService
{
    /// <summary>The channels listened on.</summary>
    public static readonly IReadOnlyList<string> Channels = [Campaigns.CampaignLauncher.DispatchChannel, Receipts.ReceiptIngestService.FunnelChannel];

    private readonly ConcurrentDictionary<Guid, (string Channel, Action<string> Handler)> _subscribers = new();

    /// <summary>Calls <paramref name="handler"/> with each payload on <paramref name="channel"/> until the returned handle is disposed. Handlers must not block.</summary>
    public IDisposable Subscribe(string channel, Action<string> handler)
    {
        var id = Guid.NewGuid();
        _subscribers[id] = (channel, handler);
        return new Subscription(() => _subscribers.TryRemove(id, out _));
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delay = TimeSpan.FromMilliseconds(200);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (!state.IsMigrated)
                {
                    await Task.Delay(100, stoppingToken);
                }

                await using var conn = await dataSource.OpenConnectionAsync(stoppingToken);
                conn.Notification += (_, e) => Dispatch(e.Channel, e.Payload);
                await using (var cmd = new NpgsqlCommand(string.Concat(Channels.Select(c => $"LISTEN {c};")), conn))
                {
                    await cmd.ExecuteNonQueryAsync(stoppingToken);
                }

                delay = TimeSpan.FromMilliseconds(200);
                // Missed notifications while disconnected: wake everyone once so they re-read state.
                foreach (var channel in Channels)
                {
                    Dispatch(channel, "");
                }

                while (!stoppingToken.IsCancellationRequested)
                {
                    await conn.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException)
            {
                logger.LogWarning("PostgreSQL listener lost its connection ({Message}); reconnecting in {Delay} ms", e.Message, delay.TotalMilliseconds);
                await Task.Delay(delay, stoppingToken);
                delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 5000));
            }
        }
    }

    private void Dispatch(string channel, string payload)
    {
        foreach (var (_, (c, handler)) in _subscribers)
        {
            if (c == channel)
            {
                handler(payload);
            }
        }
    }

    private sealed class Subscription(Action dispose) : IDisposable
    {
        public void Dispose() => dispose();
    }
}
