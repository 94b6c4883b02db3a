using System.Globalization;
using Microsoft.Extensions.Logging;
using Reach.AppHost.Networking;
using Reach.AppHost.Processes;

namespace Reach.AppHost.Postgres;

/// <summary>
/// Runs the local PostgreSQL cluster kept between runs in <see cref="PostgresLayout.DataDirectory"/>: <c>initdb</c> when
/// it is absent, <c>pg_ctl start</c> on 127.0.0.1 (or reuse of a server an earlier run left running), <c>pg_ctl stop -m fast</c>.
/// </summary>
/// <remarks>
/// Authentication: the superuser <c>postgres</c> only over the Unix socket in a private (mode 700) folder, with trust;
/// over TCP only with a password (SCRAM). As root every program runs as the <c>postgres</c> system user.
/// </remarks>
public sealed class LocalPostgres(CommandRunner commands, PortAllocator ports, ILogger<LocalPostgres> logger)
{
    /// <summary>The system user the server runs as when the AppHost runs as root.</summary>
    public const string SystemUser = "postgres";

    private const long MaxLogBytes = 10 * 1024 * 1024;

    private const string HbaConf = """
        # Written by Reach.AppHost: the superuser over the private Unix socket; everyone else with a password over TCP.
        # TYPE  DATABASE  USER  ADDRESS        METHOD
        local   all       all                  trust
        host    all       all   127.0.0.1/32   scram-sha-256
        host    all       all   ::1/128        scram-sha-256

        """;

    /// <summary>Makes sure the cluster exists and runs.</summary>
    /// <param name="layout">Its folders.</param>
    /// <param name="binaries">The server programs.</param>
    /// <param name="preferredPort">The port to use unless it is busy.</param>
    /// <param name="progress">Receives one line per step (the resource's log).</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <exception cref="InvalidOperationException">initdb or the server failed (the message holds the server log's end).</exception>
    public async Task<LocalPostgresServer> StartAsync(
        PostgresLayout layout, PostgresBinaries binaries, int preferredPort, Action<string> progress, CancellationToken cancellationToken)
    {
        await PrepareFoldersAsync(layout, cancellationToken);
        if (!File.Exists(Path.Combine(layout.DataDirectory, "PG_VERSION")))
        {
            await InitAsync(layout, binaries, progress, cancellationToken);
        }

        var pidFile = PostmasterPidFile.TryRead(layout.DataDirectory);
        if (pidFile is { IsServerAlive: true })
        {
            var owner = ReadOwner(layout);
            var shared = owner is { } pid && pid != Environment.ProcessId && IsLiveAppHost(pid);
            if (!shared)
            {
                WriteOwner(layout);
            }

            progress(shared
                ? $"Reusing the server of the AppHost running as process {owner} (pid {pidFile.ProcessId}, port {pidFile.Port}); it stops it"
                : $"Reusing the server an earlier run left running (pid {pidFile.ProcessId}, port {pidFile.Port})");
            return new LocalPostgresServer(pidFile.Port, pidFile.SocketDirectory ?? layout.SocketDirectory, pidFile.ProcessId, Reused: true, StopAtExit: !shared);
        }

        if (pidFile is not null && PosixSignals.IsAlive(pidFile.ProcessId))
        {
            // Stale lock file whose process id now belongs to another program: the server would refuse to start.
            logger.LogWarning("Removing stale {File} (process {Pid} is not PostgreSQL)", PostmasterPidFile.FileName, pidFile.ProcessId);
            File.Delete(Path.Combine(layout.DataDirectory, PostmasterPidFile.FileName));
        }

        var port = ports.Allocate(preferredPort);
        if (port != preferredPort)
        {
            progress($"Port {preferredPort} is busy; using {port}");
        }

        RotateLog(layout);
        WriteOwner(layout);
        progress($"Starting PostgreSQL on 127.0.0.1:{port} (data {layout.DataDirectory})");
        var options = string.Join(' ',
            "-c listen_addresses=127.0.0.1",
            $"-p {port.ToString(CultureInfo.InvariantCulture)}",
            $"-k '{layout.SocketDirectory}'");
        var start = await RunAsync(layout, binaries.PgCtl,
            ["start", "-w", "-t", "60", "-D", layout.DataDirectory, "-l", layout.LogFile, "-o", options], cancellationToken);
        if (!start.Succeeded)
        {
            throw new InvalidOperationException(
                $"pg_ctl start failed ({start.ExitCode}): {start.Output}{Environment.NewLine}Server log ({layout.LogFile}):{Environment.NewLine}{LogTail(layout)}");
        }

        var started = PostmasterPidFile.TryRead(layout.DataDirectory);
        return new LocalPostgresServer(port, layout.SocketDirectory, started?.ProcessId ?? 0, Reused: false, StopAtExit: true);
    }

    /// <summary>Stops the server (<c>pg_ctl stop -m fast</c>: open connections are closed, nothing committed is lost).</summary>
    /// <param name="layout">Its folders.</param>
    /// <param name="binaries">The server programs.</param>
    /// <param name="cancellationToken">Cancels waiting for the stop.</param>
    public async Task StopAsync(PostgresLayout layout, PostgresBinaries binaries, CancellationToken cancellationToken)
    {
        if (PostmasterPidFile.TryRead(layout.DataDirectory) is { IsServerAlive: true })
        {
            var stop = await RunAsync(layout, binaries.PgCtl, ["stop", "-D", layout.DataDirectory, "-m", "fast", "-w", "-t", "60"], cancellationToken);
            if (!stop.Succeeded)
            {
                logger.LogWarning("pg_ctl stop failed ({ExitCode}): {Output}", stop.ExitCode, stop.Output);
            }
        }

        if (ReadOwner(layout) == Environment.ProcessId)
        {
            File.Delete(layout.OwnerFile);
        }
    }

    /// <summary>The last lines of the server log (for error messages).</summary>
    public static string LogTail(PostgresLayout layout, int lines = 30)
    {
        try
        {
            return File.Exists(layout.LogFile) ? string.Join(Environment.NewLine, File.ReadLines(layout.LogFile).TakeLast(lines)) : "(no server log)";
        }
        catch (IOException e)
        {
            return $"(the server log cannot be read: {e.Message})";
        }
    }

    private async Task InitAsync(PostgresLayout layout, PostgresBinaries binaries, Action<string> progress, CancellationToken cancellationToken)
    {
        if (Directory.EnumerateFileSystemEntries(layout.DataDirectory).Any())
        {
            throw new InvalidOperationException(
                $"{layout.DataDirectory} is not empty but holds no cluster (an interrupted initdb?). Delete it and start again.");
        }

        progress($"Creating a PostgreSQL cluster in {layout.DataDirectory} (initdb)");
        // Collation "C": the same code-point order as C.UTF-8 for UTF-8 text, but compared with memcmp rather than
        // strcoll, which makes sorts, unique indexes and min/max over millions of ids several times cheaper;
        // character classes (lower(), ILIKE) stay C.UTF-8's.
        var init = await RunAsync(layout, binaries.InitDb,
            ["-D", layout.DataDirectory, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "--lc-collate=C"], cancellationToken);
        if (!init.Succeeded)
        {
            throw new InvalidOperationException($"initdb failed ({init.ExitCode}): {init.Output}");
        }

        // Overwrites the file initdb made (it stays owned by the server's user).
        await File.WriteAllTextAsync(Path.Combine(layout.DataDirectory, "pg_hba.conf"), HbaConf, cancellationToken);
    }

    private async Task PrepareFoldersAsync(PostgresLayout layout, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(layout.Root);
        var privateDirs = new[] { layout.DataDirectory, layout.SocketDirectory, layout.LogDirectory };
        foreach (var dir in privateDirs)
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(dir);
            }
            else
            {
                Directory.CreateDirectory(dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }

        if (layout.RunAsPostgresUser)
        {
            var chown = await commands.RunAsync("chown", [$"{SystemUser}:{SystemUser}", .. privateDirs], cancellationToken: cancellationToken);
            if (!chown.Succeeded)
            {
                throw new InvalidOperationException($"chown {SystemUser} of {layout.Root} failed: {chown.Output}");
            }
        }
    }

    private Task<CommandResult> RunAsync(PostgresLayout layout, string program, IReadOnlyList<string> arguments, CancellationToken cancellationToken) =>
        commands.RunAsync(program, arguments, layout.RunAsPostgresUser ? SystemUser : null, layout.Root, cancellationToken);

    private void RotateLog(PostgresLayout layout)
    {
        try
        {
            if (File.Exists(layout.LogFile) && new FileInfo(layout.LogFile).Length > MaxLogBytes)
            {
                File.Move(layout.LogFile, layout.LogFile + ".1", overwrite: true);
            }
        }
        catch (IOException e)
        {
            logger.LogDebug("Server log not rotated: {Error}", e.Message);
        }
    }

    private static int? ReadOwner(PostgresLayout layout)
    {
        try
        {
            return File.Exists(layout.OwnerFile) && int.TryParse(File.ReadAllText(layout.OwnerFile).Trim(), out var pid) ? pid : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static void WriteOwner(PostgresLayout layout) =>
        File.WriteAllText(layout.OwnerFile, Environment.ProcessId.ToString(CultureInfo.InvariantCulture));

    private static bool IsLiveAppHost(int pid) =>
        PosixSignals.IsAlive(pid) && (PosixSignals.CommandLine(pid)?.Contains("Reach.AppHost", StringComparison.Ordinal) ?? false);
}
