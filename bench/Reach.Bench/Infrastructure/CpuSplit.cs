using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace Reach.Bench.Infrastructure;

/// <summary>
/// Where the CPU went during a window: the named child processes, the PostgreSQL backends serving the database
/// (client backends in <c>pg_stat_activity</c> at the end of the window; one that connected during it counts from zero),
/// and the whole machine (which, on a shared machine, includes other people's work).
/// </summary>
public sealed class CpuSplit
{
    private readonly string _connectionString;
    private readonly IReadOnlyDictionary<string, int> _processes;
    private readonly Dictionary<string, double?> _before;
    private readonly Dictionary<int, double> _backendsBefore;
    private readonly double? _machineBefore;
    private readonly long _started;

    private CpuSplit(string connectionString, IReadOnlyDictionary<string, int> processes, Dictionary<int, double> backends)
    {
        _connectionString = connectionString;
        _processes = processes;
        _before = processes.ToDictionary(p => p.Key, p => CpuTime.Seconds(p.Value));
        _backendsBefore = backends;
        _machineBefore = CpuTime.MachineBusySeconds();
        _started = Stopwatch.GetTimestamp();
    }

    /// <summary>Starts the window for <paramref name="processes"/> (name → pid) and the backends of <paramref name="connectionString"/>'s database.</summary>
    public static async Task<CpuSplit> StartAsync(string connectionString, IReadOnlyDictionary<string, int> processes, CancellationToken cancellationToken) =>
        new(connectionString, processes, await BackendsAsync(connectionString, cancellationToken));

    /// <summary>Ends the window; returns e.g. <c>crm 12.3 s, PostgreSQL backends 20.1 s, whole machine 60.2 of 64.0 CPU-s</c>.</summary>
    public async Task<string> StopAsync(CancellationToken cancellationToken)
    {
        var wall = Stopwatch.GetElapsedTime(_started).TotalSeconds;
        var parts = new List<string>();
        foreach (var (name, pid) in _processes)
        {
            if (CpuTime.Seconds(pid) is { } now && _before[name] is { } then)
            {
                parts.Add($"{name} {now - then:0.0} s");
            }
        }

        var backends = await BackendsAsync(_connectionString, cancellationToken);
        var pg = backends.Sum(b => b.Value - _backendsBefore.GetValueOrDefault(b.Key));
        parts.Add($"PostgreSQL backends {pg:0.0} s");
        if (CpuTime.MachineBusySeconds() is { } machine && _machineBefore is { } machineBefore)
        {
            parts.Add($"whole machine {machine - machineBefore:0.0} of {Environment.ProcessorCount * wall:0.0} CPU-s available");
        }

        return $"CPU over {wall.ToString("0.0", CultureInfo.InvariantCulture)} s: " + string.Join(", ", parts);
    }

    private static async Task<Dictionary<int, double>> BackendsAsync(string connectionString, CancellationToken ct)
    {
        var result = new Dictionary<int, double>();
        try
        {
            await using var conn = new NpgsqlConnection(connectionString);
            await conn.OpenAsync(ct);
            await using var cmd = new NpgsqlCommand(
                "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND backend_type = 'client backend' AND pid <> pg_backend_pid()", conn);
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var pid = reader.GetInt32(0);
                if (CpuTime.Seconds(pid) is { } seconds)
                {
                    result[pid] = seconds;
                }
            }
        }
        catch (NpgsqlException)
        {
            // Reported as 0; the figure is a diagnostic.
        }

        return result;
    }
}
