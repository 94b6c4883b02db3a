using System.Globalization;

namespace Reach.Bench.Infrastructure;

/// <summary>CPU time (user + system) a process has used, from <c>/proc/&lt;pid&gt;/stat</c>.</summary>
public static class CpuTime
{
    // USER_HZ: 100 on every Linux the bench runs on.
    private const double TicksPerSecond = 100;

    /// <summary>The CPU seconds <paramref name="pid"/> has used so far, or null when it is gone or /proc is unavailable.</summary>
    public static double? Seconds(int pid)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        // The command name (field 2) is in parentheses and may hold spaces: count fields after the last ')'.
        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');

        // utime and stime are fields 14 and 15 of the whole line, i.e. 11 and 12 after the ')'.
        return fields.Length > 12
               && long.TryParse(fields[11], NumberStyles.Integer, CultureInfo.InvariantCulture, out var user)
               && long.TryParse(fields[12], NumberStyles.Integer, CultureInfo.InvariantCulture, out var system)
            ? (user + system) / TicksPerSecond
            : null;
    }

    /// <summary>CPU seconds the whole machine has spent busy (all cores, everything but idle and iowait), from <c>/proc/stat</c>.</summary>
    public static double? MachineBusySeconds()
    {
        try
        {
            var line = File.ReadLines("/proc/stat").First();
            var values = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
                .Select(v => long.Parse(v, CultureInfo.InvariantCulture)).ToArray();
            var total = values.Take(8).Sum(); // user nice system idle iowait irq softirq steal
            return (total - values[3] - values[4]) / TicksPerSecond;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or InvalidOperationException)
        {
            return null;
        }
    }
}
