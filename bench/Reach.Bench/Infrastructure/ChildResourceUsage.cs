using System.Runtime.InteropServices;

namespace Reach.Bench.Infrastructure;

/// <summary>
/// <c>getrusage(RUSAGE_CHILDREN)</c>: the largest peak RSS of any child this process has waited for.
/// It is exact (the kernel keeps it after the child is gone), but a maximum over all children, so it tells
/// a child's own peak only when it grew while that child ran — used to cross-check the sampled figure.
/// </summary>
public static class ChildResourceUsage
{
    private const int RusageChildren = -1;

    // struct rusage on 64-bit Linux: two timevals (4 longs), then 14 longs starting with ru_maxrss (kB).
    private const int RusageLongs = 18;
    private const int MaxRssIndex = 4;

    /// <summary>The largest peak RSS in bytes among waited-for children, or null off 64-bit Linux or on failure.</summary>
    public static long? MaxChildPeakRssBytes()
    {
        if (!OperatingSystem.IsLinux() || !Environment.Is64BitProcess)
        {
            return null;
        }

        try
        {
            var usage = new long[RusageLongs];
            return getrusage(RusageChildren, usage) == 0 ? usage[MaxRssIndex] * 1024 : null;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
    }

#pragma warning disable SYSLIB1054 // LibraryImport needs unsafe code; this one blittable call does not.
    [DllImport("libc", SetLastError = true)]
    private static extern int getrusage(int who, [Out] long[] usage);
#pragma warning restore SYSLIB1054
}
