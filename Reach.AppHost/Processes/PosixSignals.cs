using System.Runtime.InteropServices;

namespace Reach.AppHost.Processes;

/// <summary>Sends POSIX signals (<c>kill(2)</c>), which <see cref="System.Diagnostics.Process"/> cannot do short of SIGKILL.</summary>
public static partial class PosixSignals
{
    /// <summary>SIGINT: what Ctrl+C sends; ASP.NET Core shuts down gracefully on it.</summary>
    public const int SigInt = 2;

    /// <summary>SIGTERM.</summary>
    public const int SigTerm = 15;

    private const int EPERM = 1;
    private const int SigQuit = 3;
    private static readonly nint SigDfl = 0;
    private static readonly nint SigIgn = 1;

    /// <summary>
    /// Makes Ctrl+C (SIGINT) and SIGQUIT reach the host again when this process inherited them as ignored (as a program
    /// started in the background by a non-interactive shell does): the .NET runtime installs no handler for a signal
    /// that is ignored, so the AppHost would not stop on them. Call first thing in <c>Main</c>.
    /// </summary>
    public static void StopIgnoringInterrupts()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        foreach (var signal in new[] { SigInt, SigQuit })
        {
            var previous = Signal(signal, SigDfl);
            if (previous != SigIgn)
            {
                Signal(signal, previous);
            }
        }
    }

    /// <summary>Sends <paramref name="signal"/> to process <paramref name="pid"/>.</summary>
    /// <returns>True when the signal was delivered; false on Windows or when the process is gone.</returns>
    public static bool Send(int pid, int signal) => !OperatingSystem.IsWindows() && Kill(pid, signal) == 0;

    /// <summary>Whether a process with this id exists (signal 0; a process of another user counts as alive).</summary>
    public static bool IsAlive(int pid)
    {
        if (pid <= 0)
        {
            return false;
        }

        if (OperatingSystem.IsWindows())
        {
            try
            {
                using var process = System.Diagnostics.Process.GetProcessById(pid);
                return !process.HasExited;
            }
            catch (ArgumentException)
            {
                return false;
            }
        }

        return Kill(pid, 0) == 0 || Marshal.GetLastPInvokeError() == EPERM;
    }

    /// <summary>The executable name of a live process (Linux <c>/proc/&lt;pid&gt;/comm</c>), or null when unknown.</summary>
    public static string? ProcessName(int pid)
    {
        try
        {
            var comm = $"/proc/{pid}/comm";
            return File.Exists(comm) ? File.ReadAllText(comm).Trim() : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The command line of a live process (Linux <c>/proc/&lt;pid&gt;/cmdline</c>, arguments joined by spaces), or null.</summary>
    public static string? CommandLine(int pid)
    {
        try
        {
            var path = $"/proc/{pid}/cmdline";
            return File.Exists(path) ? File.ReadAllText(path).Replace('\0', ' ').Trim() : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    [LibraryImport("libc", EntryPoint = "signal")]
    private static partial nint Signal(int signal, nint handler);

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
