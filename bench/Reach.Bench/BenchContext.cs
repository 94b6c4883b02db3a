using Npgsql;
using Reach.Bench.Infrastructure;
using Reach.Bench.Reporting;
using Reach.Testing;

namespace Reach.Bench;

/// <summary>What a scenario gets: the settings, the PostgreSQL cluster shared by the run, and the result log.</summary>
public sealed class BenchContext(BenchOptions options, PostgresCluster cluster, ResultLog results)
{
    private const string DemoHint = "demo";
    private readonly List<string> _databases = [];
    private string? _demoFailure;

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

    /// <summary>
    /// The demo brand's database once <see cref="GenerateDemoDatabaseAsync"/> made it: kept for the whole run (not dropped
    /// after its scenario) so later scenarios work on the same 1,000,000 customers.
    /// </summary>
    public DemoDatabase? Demo { get; private set; }

    /// <summary>A launched campaign in <see cref="Demo"/> whose messages are still queued, for scenarios that need one (null: none yet, or reset).</summary>
    public LaunchedCampaign? Campaign { get; set; }

    /// <summary>
    /// Creates a fresh database kept for the rest of the run and fills it with <c>seed-demo --customers N --seed 42</c>
    /// (N from <c>--customers</c>); it becomes <see cref="Demo"/>. A failure is remembered, so later scenarios fail at once
    /// instead of generating again.
    /// </summary>
    /// <exception cref="InvalidOperationException">The CRM failed.</exception>
    public async Task<(DemoDatabase Demo, ChildRunResult Run)> GenerateDemoDatabaseAsync(CancellationToken cancellationToken)
    {
        if (Demo is not null)
        {
            await Cluster.DropDatabaseAsync(Demo.ConnectionString, CancellationToken.None);
            Demo = null;
            Campaign = null;
        }

        var n = Options.Customers;
        var cs = await Cluster.CreateDatabaseAsync(DemoHint, cancellationToken);
        Progress.Write($"  created database {new NpgsqlConnectionStringBuilder(cs).Database} (kept for later scenarios)");
        try
        {
            var reference = DateTimeOffset.UtcNow;
            var run = await RunCrmAsync(cs,
                ["seed-demo", "--customers", n.ToString(System.Globalization.CultureInfo.InvariantCulture), "--seed", "42"], cancellationToken);
            Demo = new DemoDatabase(cs, n, DateTimeOffset.FromUnixTimeSeconds(reference.ToUnixTimeSeconds()));
            _demoFailure = null;
            return (Demo, run);
        }
        catch (Exception e)
        {
            _demoFailure = e is OperationCanceledException ? "cancelled" : e.Message;
            await DropQuietlyAsync(cs);
            throw;
        }
    }

    /// <summary>The demo database; generated first (see <see cref="GenerateDemoDatabaseAsync"/>) when no scenario made it yet.</summary>
    /// <exception cref="InvalidOperationException">Generating it failed, now or earlier in the run.</exception>
    public async Task<DemoDatabase> RequireDemoDatabaseAsync(CancellationToken cancellationToken)
    {
        if (Demo is not null)
        {
            return Demo;
        }

        if (_demoFailure is not null)
        {
            throw new InvalidOperationException($"the demo database could not be generated earlier in this run: {_demoFailure}");
        }

        Progress.Write($"  no demo database yet: generating {Options.Customers:N0} customers first (seed-demo; not a measured figure here)");
        return (await GenerateDemoDatabaseAsync(cancellationToken)).Demo;
    }

    /// <summary>Drops the demo database (at the end of the run).</summary>
    public async Task DropDemoDatabaseAsync()
    {
        if (Demo is { } demo)
        {
            Demo = null;
            Campaign = null;
            await DropQuietlyAsync(demo.ConnectionString);
        }
    }

    /// <summary>Drops the databases made since the last call (frees disk between scenarios).</summary>
    public async Task DropDatabasesAsync()
    {
        foreach (var cs in _databases)
        {
            await DropQuietlyAsync(cs);
        }

        _databases.Clear();
    }

    private async Task DropQuietlyAsync(string cs)
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
