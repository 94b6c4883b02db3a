using System.Globalization;

namespace Reach.AppHost.Tests.Infrastructure;

/// <summary>The machine's processes as Linux <c>/proc</c> shows them: parents, command lines, liveness.</summary>
public static class ProcessTable
{
    /// <summary>The ids of <paramref name="root"/>'s descendants (children, grandchildren, …), not including it.</summary>
    public static IReadOnlySet<int> Descendants(int root)
    {
        var parents = new Dictionary<int, int>();
        foreach (var pid in AllIds())
        {
            if (ParentOf(pid) is { } parent)
            {
                parents[pid] = parent;
            }
        }

        var found = new HashSet<int>();
        bool added;
        do
        {
            added = false;
            foreach (var (pid, parent) in parents)
            {
                if ((parent == root || found.Contains(parent)) && found.Add(pid))
                {
                    added = true;
                }
            }
        }
        while (added);

        return found;
    }

    /// <summary>Whether a process with this id exists and is not a zombie.</summary>
    public static bool IsAlive(int pid)
    {
        var stat = Read($"/proc/{pid}/stat");
        if (stat is null)
        {
            return false;
        }

        var state = stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[0];
        return state != "Z" && state != "X";
    }

    /// <summary>The live processes whose command line contains <paramref name="text"/>, as "pid: command line".</summary>
    public static IReadOnlyList<string> WithCommandLineContaining(string text) =>
        AllIds()
            .Select(pid => (pid, cmd: Read($"/proc/{pid}/cmdline")?.Replace('\0', ' ').Trim()))
            .Where(p => p.cmd is not null && p.cmd.Contains(text, StringComparison.Ordinal) && IsAlive(p.pid))
            .Select(p => $"{p.pid}: {p.cmd}")
            .ToArray();

    /// <summary>The command line of a process, or null.</summary>
    public static string? CommandLine(int pid) => Read($"/proc/{pid}/cmdline")?.Replace('\0', ' ').Trim();

    private static IEnumerable<int> AllIds() =>
        Directory.EnumerateDirectories("/proc")
            .Select(Path.GetFileName)
            .Select(name => int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : 0)
            .Where(pid => pid > 0);

    private static int? ParentOf(int pid)
    {
        var stat = Read($"/proc/{pid}/stat");
        if (stat is null)
        {
            return null;
        }

        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var parent) ? parent : null;
    }

    private static string? Read(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
