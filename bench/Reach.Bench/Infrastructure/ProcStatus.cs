using System.Globalization;

namespace Reach.Bench.Infrastructure;

/// <summary>Memory figures of a running process, read from <c>/proc/&lt;pid&gt;/status</c>.</summary>
/// <param name="RssBytes">Current resident set size (<c>VmRSS</c>).</param>
/// <param name="HighWaterMarkBytes">The kernel's peak resident set size so far (<c>VmHWM</c>).</param>
public readonly record struct ProcStatus(long RssBytes, long HighWaterMarkBytes)
{
    /// <summary>Reads the figures of <paramref name="pid"/>, or null when the process is gone (or a zombie, which has no memory lines).</summary>
    public static ProcStatus? TryRead(int pid)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid}/status");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        long? rss = null, hwm = null;
        foreach (var line in text.AsSpan().EnumerateLines())
        {
            if (line.StartsWith("VmRSS:"))
            {
                rss = ParseKb(line["VmRSS:".Length..]);
            }
            else if (line.StartsWith("VmHWM:"))
            {
                hwm = ParseKb(line["VmHWM:".Length..]);
            }
        }

        return rss is null || hwm is null ? null : new ProcStatus(rss.Value, hwm.Value);
    }

    private static long ParseKb(ReadOnlySpan<char> value)
    {
        value = value.Trim();
        if (value.EndsWith("kB"))
        {
            value = value[..^2].TrimEnd();
        }

        return long.Parse(value, NumberStyles.Integer, CultureInfo.InvariantCulture) * 1024;
    }
}
