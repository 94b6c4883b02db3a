using System.Text.RegularExpressions;
using Npgsql;

namespace Reach.Bench.Infrastructure;

/// <summary>
/// A poor man's SQL profiler: every 100 ms reads <c>pg_stat_activity</c> for the database's active statements and
/// counts them by their first words, so a scenario can say which statement the time went to.
/// </summary>
public sealed partial class PgActivitySampler : IAsyncDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);
    private readonly Dictionary<string, int> _counts = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _samples;
    private string? _failure;

    private PgActivitySampler(string connectionString)
    {
        _loop = Task.Run(() => LoopAsync(connectionString));
    }

    /// <summary>Starts sampling the database of <paramref name="connectionString"/>.</summary>
    public static PgActivitySampler Start(string connectionString) => new(connectionString);

    /// <summary>Stops; returns the most frequent statements as "share% statement…", most frequent first.</summary>
    public async Task<IReadOnlyList<string>> StopAsync(int top = 4)
    {
        if (!_stop.IsCancellationRequested)
        {
            await _stop.CancelAsync();
            try
            {
                await _loop;
            }
            catch (OperationCanceledException)
            {
            }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException or TimeoutException)
            {
                _failure = e.Message;
            }
        }

        if (_failure is not null)
        {
            return [$"(sampling failed: {_failure})"];
        }

        lock (_counts)
        {
            var total = Math.Max(1, _samples);
            return _counts.OrderByDescending(kv => kv.Value).Take(top)
                .Select(kv => $"{100.0 * kv.Value / total:0}% {kv.Key}").ToList();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stop.Dispose();
    }

    private async Task LoopAsync(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, ApplicationName = "reach-bench-sampler" };
        await using var conn = new NpgsqlConnection(builder.ConnectionString);
        await conn.OpenAsync(_stop.Token);
        await using var cmd = new NpgsqlCommand(
            "SELECT query FROM pg_stat_activity WHERE datname = current_database() AND state = 'active' AND pid <> pg_backend_pid() AND backend_type = 'client backend'",
            conn);
        using var timer = new PeriodicTimer(Interval);
        while (await timer.WaitForNextTickAsync(_stop.Token))
        {
            var seen = new List<string>();
            await using (var reader = await cmd.ExecuteReaderAsync(_stop.Token))
            {
                while (await reader.ReadAsync(_stop.Token))
                {
                    seen.Add(Shorten(reader.IsDBNull(0) ? "" : reader.GetString(0)));
                }
            }

            lock (_counts)
            {
                _samples++;
                foreach (var q in seen)
                {
                    _counts[q] = _counts.GetValueOrDefault(q) + 1;
                }
            }
        }
    }

    private static string Shorten(string query)
    {
        var oneLine = Whitespace().Replace(query, " ").Trim();
        return oneLine.Length > 70 ? oneLine[..70] + "…" : oneLine;
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
