using System.Globalization;
using Reach.AppHost.Processes;

namespace Reach.AppHost.Postgres;

/// <summary>The <c>postmaster.pid</c> lock file a running PostgreSQL server keeps in its data folder.</summary>
/// <param name="ProcessId">The postmaster's process id (line 1).</param>
/// <param name="Port">The port (line 4).</param>
/// <param name="SocketDirectory">The first Unix socket folder (line 5), or null.</param>
/// <param name="Status">The server status (line 8): <c>ready</c>, <c>starting</c>, <c>stopping</c>…, or null.</param>
public sealed record PostmasterPidFile(int ProcessId, int Port, string? SocketDirectory, string? Status)
{
    /// <summary>The file name in the data folder.</summary>
    public const string FileName = "postmaster.pid";

    /// <summary>Whether the process it names is a running PostgreSQL server (not a stale file whose id was reused).</summary>
    public bool IsServerAlive
    {
        get
        {
            if (!PosixSignals.IsAlive(ProcessId))
            {
                return false;
            }

            var name = PosixSignals.ProcessName(ProcessId);
            return name is null || name.StartsWith("postgres", StringComparison.Ordinal) || name.StartsWith("postmaster", StringComparison.Ordinal);
        }
    }

    /// <summary>Reads the file from <paramref name="dataDirectory"/>, or returns null when it is absent or unreadable.</summary>
    public static PostmasterPidFile? TryRead(string dataDirectory)
    {
        var path = Path.Combine(dataDirectory, FileName);
        string[] lines;
        try
        {
            if (!File.Exists(path))
            {
                return null;
            }

            lines = File.ReadAllLines(path);
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }

        if (lines.Length < 4
            || !int.TryParse(lines[0].Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var pid)
            || !int.TryParse(lines[3].Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var port))
        {
            return null;
        }

        string? Line(int index) => lines.Length > index && !string.IsNullOrWhiteSpace(lines[index]) ? lines[index].Trim() : null;
        return new PostmasterPidFile(pid, port, Line(4), Line(7));
    }
}
