using System.Runtime.InteropServices;

namespace Reach.Bench.Infrastructure;

/// <summary>Sends <c>SIGTERM</c> to a child so it shuts down gracefully (.NET's <c>Process.Kill</c> only sends <c>SIGKILL</c>).</summary>
public static class PosixSignals
{
    private const int SigTerm = 15;

    /// <summary>Asks process <paramref name="pid"/> to stop; false off Unix or when the signal could not be sent.</summary>
    public static bool Terminate(int pid)
    {
        if (OperatingSystem.IsWindows())
        {
            return false;
        }

        try
        {
            return kill(pid, SigTerm) == 0;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

#pragma warning disable SYSLIB1054 // LibraryImport needs unsafe code; this one blittable call does not.
    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);
#pragma warning restore SYSLIB1054
}
