using Npgsql;
using Reach.Bench.Infrastructure;
using Reach.Bench.Reporting;
using Reach.Testing;

namespace Reach.Bench;

/// <summary>What a scenario gets: the settings, the PostgreSQL cluster shared by the run, and the result log.</summary>
public sealed class BenchContext(BenchOptions options, PostgresCluster cluster, ResultLog results)
{
    private readonly List<string> _databases = [];

    /// <summary>The run's settings.</summary>
    public BenchOptions Options { get; } = options;

    /// <summary>The PostgreSQL cluster every scenario's databases live in.</summary>
    public PostgresCluster Cluster { get; } = cluster;

    /// <summary>Where scenarios record their figures.</summary>
    public ResultLog Results { get; } = results;

    /// <summary>Creates a fresh, empty database (dropped by <see cref="DropDatabasesAsync"/> after the scenario) and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string hint, CancellationToken cancellationToken)
    {
        var cs = await Cluster.CreateDatabaseAsync(hint, cancellationToken);
        _databases.Add(cs);
        Progress.Write($"  created database {new NpgsqlConnectionStringBuilder(cs).Database}");
        return cs;
    }

    /// <summary>Drops the databases made since the last call (frees disk between scenarios).</summary>
    public async Task DropDatabasesAsync()
    {
        foreach (var cs in _databases)
        {
            try
            {
                await Cluster.DropDatabaseAsync(cs);
            }
            catch (NpgsqlException e)
            {
                Progress.Write($"  could not drop {new NpgsqlConnectionStringBuilder(cs).Database}: {e.Message}");
            }
        }

        _databases.Clear();
    }

    /// <summary>Runs a <c>Reach.Crm</c> CLI verb against <paramref name="connectionString"/> as a child process; throws when it fails.</summary>
    /// <exception cref="InvalidOperationException">The CRM exited with a non-zero code.</exception>
    public async Task<ChildRunResult> RunCrmAsync(string connectionString, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        Progress.Write($"  running Reach.Crm {string.Join(' ', arguments)}");
        var result = await CrmCli.RunAsync(connectionString, arguments, cancellationToken);
        Progress.Write($"  Reach.Crm {arguments[0]} exited {result.ExitCode} after {result.Wall.TotalSeconds:0.00} s, peak RSS {result.PeakRssMb:0} MB " +
                       $"(VmHWM {result.PeakRssBytes / 1048576.0:0} MB, max sampled VmRSS {result.MaxSampledRssBytes / 1048576.0:0} MB, " +
                       $"{result.Samples} samples, rusage {(result.RusagePeakRssBytes is { } r ? $"{r / 1048576.0:0} MB" : "n/a")})");
        return result.EnsureSuccess($"Reach.Crm {arguments[0]}");
    }

    /// <summary>Runs one scalar query against <paramref name="connectionString"/>.</summary>
    public static async Task<T> ScalarAsync<T>(string connectionString, string sql, CancellationToken cancellationToken)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync(cancellationToken);
        await using var cmd = new NpgsqlCommand(sql, conn) { CommandTimeout = 0 };
        return (T)(await cmd.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Runs one statement against <paramref name="connectionString"/>.</summary>
    public static async Task ExecuteAsync(string connectionString, string sql, CancellationToken cancellationToken)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync(cancellationToken);
        await using var cmd = new NpgsqlCommand(sql, conn) { CommandTimeout = 0 };
        await cmd.ExecuteNonQueryAsync(cancellationToken);
    }
}
