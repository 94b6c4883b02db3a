using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;

namespace Reach.AppHost.Processes;

/// <summary>
/// Records the services this AppHost started in a file (<c>services.pid</c>: the AppHost's id, then one
/// <c>&lt;pid&gt; &lt;executable or dll&gt;</c> per line), so that the next start can stop services an AppHost left
/// behind when it was killed (SIGKILL runs no cleanup). Services of an AppHost that is still alive are never touched.
/// </summary>
/// <param name="path">The journal file.</param>
/// <param name="logger">Logs what is cleaned up.</param>
public sealed class ChildProcessJournal(string path, ILogger<ChildProcessJournal> logger)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<int, string> _children = [];
    private bool _disabled;

    /// <summary>Stops the services recorded by an AppHost that is gone, then starts a fresh journal for this one.</summary>
    /// <param name="cancellationToken">Cuts waiting short (leftovers are then killed at once).</param>
    public async Task StopOrphansAsync(CancellationToken cancellationToken)
    {
        var lines = File.Exists(path) ? await File.ReadAllLinesAsync(path, cancellationToken) : [];
        if (lines.Length > 0 && int.TryParse(lines[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var owner)
            && owner != Environment.ProcessId && PosixSignals.IsAlive(owner)
            && (PosixSignals.CommandLine(owner)?.Contains("Reach.AppHost", StringComparison.Ordinal) ?? false))
        {
            logger.LogWarning("Another AppHost (process {Pid}) is running; its services are left alone", owner);
            lock (_lock)
            {
                _disabled = true;
            }

            return;
        }

        var stops = new List<Task>();
        foreach (var line in lines.Skip(1))
        {
            var parts = line.Split(' ', 2);
            if (parts.Length == 2 && int.TryParse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var pid)
                && PosixSignals.IsAlive(pid) && (PosixSignals.CommandLine(pid)?.Contains(parts[1], StringComparison.Ordinal) ?? false))
            {
                logger.LogWarning("Stopping {Program} (process {Pid}), left running by an AppHost that was killed", Path.GetFileName(parts[1]), pid);
                stops.Add(StopAsync(pid, cancellationToken));
            }
        }

        await Task.WhenAll(stops);

        lock (_lock)
        {
            Save();
        }
    }

    /// <summary>Records a started service.</summary>
    /// <param name="pid">Its process id.</param>
    /// <param name="program">Its executable or assembly path (identifies it, should the id be reused).</param>
    public void Add(int pid, string program)
    {
        lock (_lock)
        {
            _children[pid] = program;
            Save();
        }
    }

    /// <summary>Forgets a service that has exited.</summary>
    public void Remove(int pid)
    {
        lock (_lock)
        {
            if (_children.Remove(pid))
            {
                Save();
            }
        }
    }

    private static async Task StopAsync(int pid, CancellationToken cancellationToken)
    {
        PosixSignals.Send(pid, PosixSignals.SigTerm);
        for (var i = 0; i < 50 && PosixSignals.IsAlive(pid) && !cancellationToken.IsCancellationRequested; i++)
        {
            await Task.Delay(100, CancellationToken.None);
        }

        if (PosixSignals.IsAlive(pid))
        {
            try
            {
                using var process = Process.GetProcessById(pid);
                process.Kill(entireProcessTree: true);
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                // Gone meanwhile.
            }
        }
    }

    private void Save()
    {
        if (_disabled)
        {
            return;
        }

        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var lines = new[] { Environment.ProcessId.ToString(CultureInfo.InvariantCulture) }
                .Concat(_children.Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Key} {c.Value}")));
            File.WriteAllLines(path, lines);
        }
        catch (IOException e)
        {
            logger.LogDebug("{Path} not written: {Error}", path, e.Message);
        }
    }
}
