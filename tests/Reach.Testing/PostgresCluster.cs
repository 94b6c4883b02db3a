using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Reach.Testing;

/// <summary>
/// A throwaway PostgreSQL cluster for tests and benchmarks: <c>initdb</c> in a temp folder, started with
/// <c>pg_ctl</c> on a free loopback port, stopped (and deleted) on dispose — also when the process exits
/// after a failure. When the environment variable <c>REACH_TEST_POSTGRES</c> holds a connection string,
/// that server is used instead and nothing is started.
/// </summary>
/// <remarks>
/// <c>initdb</c> refuses to run as root, so under root the cluster runs as the <c>postgres</c> system user
/// (<c>runuser -u postgres</c>) in a folder it owns. Durability is traded for speed (<c>fsync=off</c>)
/// unless <see cref="PostgresClusterOptions.Durable"/> is set.
/// </remarks>
public sealed class PostgresCluster : IAsyncDisposable, IDisposable
{
    /// <summary>Name of the environment variable that points tests at an existing server.</summary>
    public const string ExternalServerVariable = "REACH_TEST_POSTGRES";

    private readonly string? _root;
    private readonly string? _dataDir;
    private readonly string? _binDir;
    private readonly bool _asPostgresUser;
    private readonly SemaphoreSlim _createLock = new(1, 1);
    private int _stopped;

    private PostgresCluster(string adminConnectionString, string? root, string? dataDir, string? binDir, bool asPostgresUser)
    {
        AdminConnectionString = adminConnectionString;
        _root = root;
        _dataDir = dataDir;
        _binDir = binDir;
        _asPostgresUser = asPostgresUser;
        if (_dataDir is not null)
        {
            AppDomain.CurrentDomain.ProcessExit += (_, _) => Stop();
        }
    }

    /// <summary>Connection string of the superuser on the <c>postgres</c> database.</summary>
    public string AdminConnectionString { get; }

    /// <summary>True when this instance started its own server (and will stop it).</summary>
    public bool IsOwned => _dataDir is not null;

    /// <summary>
    /// Starts a cluster (or attaches to <c>REACH_TEST_POSTGRES</c>).
    /// </summary>
    /// <exception cref="InvalidOperationException">No PostgreSQL server binaries were found, or the server did not start
    /// (the message holds the server log).</exception>
    public static async Task<PostgresCluster> StartAsync(PostgresClusterOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new PostgresClusterOptions();
        var external = Environment.GetEnvironmentVariable(ExternalServerVariable);
        if (!string.IsNullOrWhiteSpace(external))
        {
            var b = new NpgsqlConnectionStringBuilder(external) { Database = "postgres" };
            return new PostgresCluster(b.ConnectionString, null, null, null, false);
        }

        var binDir = FindBinDir()
            ?? throw new InvalidOperationException(
                "PostgreSQL server binaries (initdb, pg_ctl) were not found on PATH or under /usr/lib/postgresql/*/bin. " +
                "Install them (apt-get install -y postgresql) or set REACH_TEST_POSTGRES to a connection string.");
        var asPostgres = Environment.UserName == "root" || Environment.GetEnvironmentVariable("USER") == "root";
        var root = Path.Combine(Path.GetTempPath(), $"reach-pg-{Environment.ProcessId}-{Guid.NewGuid():N}"[..32]);
        var dataDir = Path.Combine(root, "data");
        var socketDir = Path.Combine(root, "sock");
        Directory.CreateDirectory(root);
        Directory.CreateDirectory(socketDir);
        if (asPostgres)
        {
            await RunAsync("chown", ["-R", "postgres:postgres", root], false, cancellationToken);
        }

        var port = FreePort();
        // Collation "C": the same code-point order as C.UTF-8 for UTF-8 text, but compared with memcmp rather than
        // strcoll, which makes sorts, unique indexes and min/max over millions of ids several times cheaper;
        // character classes (lower(), ILIKE) stay C.UTF-8's.
        await RunAsync(Path.Combine(binDir, "initdb"),
            ["-D", dataDir, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "--lc-collate=C", "--no-sync"],
            asPostgres, cancellationToken);

        var settings = new List<string>
        {
            "-c listen_addresses=127.0.0.1", $"-p {port}", $"-k {socketDir}",
            "-c max_connections=200", $"-c shared_buffers={options.SharedBuffers}",
            "-c work_mem=32MB", "-c maintenance_work_mem=256MB", "-c max_wal_size=4GB",
            "-c jit=off",
        };
        if (!options.Durable)
        {
            settings.AddRange(["-c fsync=off", "-c synchronous_commit=off", "-c full_page_writes=off"]);
        }

        var log = Path.Combine(root, "server.log");
        try
        {
            await RunAsync(Path.Combine(binDir, "pg_ctl"),
                ["start", "-D", dataDir, "-w", "-t", "60", "-l", log, "-o", string.Join(' ', settings)],
                asPostgres, cancellationToken);
        }
        catch (InvalidOperationException e)
        {
            var text = File.Exists(log) ? await File.ReadAllTextAsync(log, cancellationToken) : "(no log)";
            throw new InvalidOperationException($"{e.Message}\nServer log:\n{text}", e);
        }

        var cs = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = port,
            Username = "postgres",
            Database = "postgres",
            Pooling = true,
        }.ConnectionString;
        return new PostgresCluster(cs, root, dataDir, binDir, asPostgres);
    }

    /// <summary>Creates an empty database with a unique name derived from <paramref name="hint"/> and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string hint, CancellationToken cancellationToken = default)
    {
        var clean = new string(hint.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit).ToArray());
        var name = $"t_{(clean.Length > 30 ? clean[..30] : clean)}_{Guid.NewGuid():N}"[..Math.Min(48, clean.Length + 35)];
        // CREATE DATABASE copies template1 and fails while another CREATE DATABASE uses it: one at a time.
        await _createLock.WaitAsync(cancellationToken);
        try
        {
            await using var conn = new NpgsqlConnection(AdminConnectionString);
            await conn.OpenAsync(cancellationToken);
            await using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", conn);
            await cmd.ExecuteNonQueryAsync(cancellationToken);
        }
        finally
        {
            _createLock.Release();
        }

        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name }.ConnectionString;
    }

    /// <summary>Drops a database made by <see cref="CreateDatabaseAsync"/>, closing its connections.</summary>
    public async Task DropDatabaseAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        NpgsqlConnection.ClearAllPools();
        await using var conn = new NpgsqlConnection(AdminConnectionString);
        await conn.OpenAsync(cancellationToken);
        await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", conn);
        await cmd.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Stops the server (fast shutdown) and deletes its folder. Safe to call twice.</summary>
    public void Stop()
    {
        if (_dataDir is null || Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        try
        {
            RunAsync(Path.Combine(_binDir!, "pg_ctl"), ["stop", "-D", _dataDir, "-m", "fast", "-w"], _asPostgresUser, CancellationToken.None)
                .GetAwaiter().GetResult();
        }
        catch (InvalidOperationException)
        {
            // Already stopped; nothing to do.
        }

        try
        {
            Directory.Delete(_root!, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    /// <inheritdoc />
    public void Dispose() => Stop();

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        Stop();
        return ValueTask.CompletedTask;
    }

    private static string? FindBinDir()
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            if (File.Exists(Path.Combine(dir, "initdb")) && File.Exists(Path.Combine(dir, "pg_ctl")))
            {
                return dir;
            }
        }

        const string debian = "/usr/lib/postgresql";
        if (Directory.Exists(debian))
        {
            return Directory.GetDirectories(debian)
                .Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "initdb")))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0)
                .FirstOrDefault();
        }

        return null;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task RunAsync(string file, IReadOnlyList<string> args, bool asPostgres, CancellationToken cancellationToken)
    {
        var psi = new ProcessStartInfo
        {
            FileName = asPostgres ? "runuser" : file,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        if (asPostgres)
        {
            foreach (var a in new[] { "-u", "postgres", "--", file })
            {
                psi.ArgumentList.Add(a);
            }
        }

        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var process = Process.Start(psi) ?? throw new InvalidOperationException($"Could not start {file}.");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{file} {string.Join(' ', args)} exited with {process.ExitCode}: {await stderr}{await stdout}");
        }
    }
}

/// <summary>Settings of a throwaway cluster.</summary>
/// <param name="Durable">Keep fsync and synchronous commit on (benchmarks that report durable figures).</param>
/// <param name="SharedBuffers">PostgreSQL <c>shared_buffers</c>, e.g. <c>256MB</c>.</param>
public sealed record PostgresClusterOptions(bool Durable = false, string SharedBuffers = "256MB");
