using System.Diagnostics;
using Npgsql;

namespace Reach.Bench.Infrastructure;

/// <summary>
/// A bare PostgreSQL <c>LISTEN</c> from the bench process that records when each notification with a given payload
/// arrives (<see cref="Stopwatch"/> timestamps) — how fast a change could reach a client with nothing in between.
/// </summary>
public sealed class NotificationWatcher : IAsyncDisposable
{
    private readonly NpgsqlConnection _connection;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<long> _arrivals = [];
    private readonly Task _loop;

    private NotificationWatcher(NpgsqlConnection connection, string payload)
    {
        _connection = connection;
        _connection.Notification += (_, e) =>
        {
            if (e.Payload == payload)
            {
                var now = Stopwatch.GetTimestamp();
                lock (_arrivals)
                {
                    _arrivals.Add(now);
                }
            }
        };
        _loop = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                await _connection.WaitAsync(_stop.Token);
            }
        });
    }

    /// <summary>Listens on <paramref name="channel"/> for notifications whose payload is <paramref name="payload"/>.</summary>
    public static async Task<NotificationWatcher> StartAsync(string connectionString, string channel, string payload, CancellationToken cancellationToken)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, KeepAlive = 30 };
        var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using (var listen = new NpgsqlCommand($"LISTEN {channel}", connection))
        {
            await listen.ExecuteNonQueryAsync(cancellationToken);
        }

        return new NotificationWatcher(connection, payload);
    }

    /// <summary>The first arrival at or after <paramref name="timestamp"/>, or null when none came (yet).</summary>
    public long? FirstAfter(long timestamp)
    {
        lock (_arrivals)
        {
            foreach (var at in _arrivals)
            {
                if (at >= timestamp)
                {
                    return at;
                }
            }
        }

        return null;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _loop;
        }
        catch (Exception e) when (e is OperationCanceledException or NpgsqlException or ObjectDisposedException)
        {
        }

        await _connection.DisposeAsync();
        _stop.Dispose();
    }
}
