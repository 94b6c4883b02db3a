namespace Reach.AppHost.Resources;

/// <summary>A bounded, thread-safe buffer of a resource's most recent output lines, with a notification per new line.</summary>
/// <param name="capacity">How many lines are kept; older ones are dropped.</param>
public sealed class ResourceLog(int capacity)
{
    private readonly LogLine[] _lines = new LogLine[Math.Max(1, capacity)];
    private readonly Lock _lock = new();
    private long _next;

    /// <summary>Raised (on the writer's thread) for every line appended.</summary>
    public event Action<LogLine>? LineAdded;

    /// <summary>How many lines are kept.</summary>
    public int Capacity => _lines.Length;

    /// <summary>Appends a line.</summary>
    /// <param name="text">The text.</param>
    /// <param name="stream">Where it came from; default: an AppHost message.</param>
    public LogLine Append(string text, LogStream stream = LogStream.AppHost)
    {
        LogLine line;
        lock (_lock)
        {
            line = new LogLine(_next, DateTimeOffset.UtcNow, text, stream);
            _lines[_next % _lines.Length] = line;
            _next++;
        }

        LineAdded?.Invoke(line);
        return line;
    }

    /// <summary>The kept lines, oldest first, optionally only those after <paramref name="afterSequence"/>.</summary>
    public IReadOnlyList<LogLine> Snapshot(long afterSequence = -1)
    {
        lock (_lock)
        {
            var count = (int)Math.Min(_next, _lines.Length);
            var result = new List<LogLine>(count);
            for (var seq = _next - count; seq < _next; seq++)
            {
                if (seq > afterSequence)
                {
                    result.Add(_lines[seq % _lines.Length]);
                }
            }

            return result;
        }
    }
}
