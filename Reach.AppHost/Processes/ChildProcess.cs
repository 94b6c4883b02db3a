using System.Diagnostics;

namespace Reach.AppHost.Processes;

/// <summary>
/// A long-running child process whose output is delivered line by line, which is stopped gracefully (SIGTERM, then a kill
/// of its whole tree after a grace period).
/// </summary>
/// <remarks>
/// On Linux the child is started through <c>setsid</c> (same process id, new session): a Ctrl+C in the terminal then
/// reaches only the AppHost, which stops the services in dependency order instead of all at once.
/// </remarks>
public sealed class ChildProcess : IDisposable
{
    private static readonly string? Setsid = OperatingSystem.IsLinux() ? ExecutableLocator.FindOnPath("setsid") : null;

    private readonly Process _process;

    private ChildProcess(Process process, Task<int> exited)
    {
        _process = process;
        Exited = exited;
    }

    /// <summary>The process id.</summary>
    public int Id => _process.Id;

    /// <summary>Completes with the exit code once the process has exited and its output is drained.</summary>
    public Task<int> Exited { get; }

    /// <summary>Whether the process has exited.</summary>
    public bool HasExited => Exited.IsCompleted;

    /// <summary>Starts a process.</summary>
    /// <param name="launch">What to run.</param>
    /// <param name="onOutput">Called for every line of output, with true for stderr (on a thread-pool thread).</param>
    /// <exception cref="InvalidOperationException">The process could not be started.</exception>
    public static ChildProcess Start(ProcessLaunch launch, Action<string, bool> onOutput)
    {
        var psi = new ProcessStartInfo
        {
            FileName = Setsid ?? launch.FileName,
            WorkingDirectory = launch.WorkingDirectory,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        if (Setsid is not null)
        {
            psi.ArgumentList.Add(launch.FileName);
        }

        foreach (var argument in launch.Arguments)
        {
            psi.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in launch.Environment)
        {
            if (value is null)
            {
                psi.Environment.Remove(name);
            }
            else
            {
                psi.Environment[name] = value;
            }
        }

        var process = new Process { StartInfo = psi, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                onOutput(e.Data, false);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                onOutput(e.Data, true);
            }
        };
        if (!process.Start())
        {
            throw new InvalidOperationException($"Could not start {launch}.");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new ChildProcess(process, WaitAsync(process));
    }

    /// <summary>
    /// Stops the process: SIGTERM (an ASP.NET Core app shuts down gracefully on it, as on Ctrl+C), then, if it is still
    /// running after <paramref name="grace"/>, kills it and its descendants.
    /// </summary>
    /// <remarks>
    /// SIGTERM rather than SIGINT: a process started from a background job of a non-interactive shell inherits SIGINT as
    /// ignored (POSIX), .NET keeps it ignored and passes that on to its children, so SIGINT would silently do nothing.
    /// </remarks>
    /// <param name="grace">How long it may take to stop by itself.</param>
    /// <param name="cancellationToken">Cuts the grace period short (the process is then killed).</param>
    /// <returns>The exit code.</returns>
    public async Task<int> StopAsync(TimeSpan grace, CancellationToken cancellationToken = default)
    {
        if (!HasExited && PosixSignals.Send(_process.Id, PosixSignals.SigTerm))
        {
            try
            {
                await Exited.WaitAsync(grace, cancellationToken);
            }
            catch (TimeoutException)
            {
            }
            catch (OperationCanceledException)
            {
            }
        }

        if (!HasExited)
        {
            Kill();
        }

        return await Exited;
    }

    /// <summary>Kills the process and its descendants at once (no-op when it has exited).</summary>
    public void Kill()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // Exiting as we speak.
        }
    }

    /// <inheritdoc />
    public void Dispose() => _process.Dispose();

    private static async Task<int> WaitAsync(Process process)
    {
        await process.WaitForExitAsync(CancellationToken.None);
        return process.ExitCode;
    }
}
