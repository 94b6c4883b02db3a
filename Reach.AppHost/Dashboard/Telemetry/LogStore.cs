namespace Reach.AppHost.Dashboard.Telemetry;

/// <summary>The received structured log records, at most <see cref="TelemetryLimits.MaxLogRecords"/> (oldest dropped first). Thread-safe.</summary>
/// <param name="limits">The limits.</param>
public sealed class LogStore(TelemetryLimits limits)
{
    private readonly Lock _lock = new();
    private readonly LinkedList<LogEntry> _entries = new();
    private long _next;

    /// <summary>Adds records; their <see cref="LogEntry.Sequence"/> is assigned here.</summary>
    public void Add(IEnumerable<LogEntry> entries)
    {
        lock (_lock)
        {
            foreach (var entry in entries)
            {
                _entries.AddLast(entry with { Sequence = _next++ });
                while (_entries.Count > Math.Max(1, limits.MaxLogRecords))
                {
                    _entries.RemoveFirst();
                }
            }
        }
    }

    /// <summary>How many records are kept.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>The newest records matching the filter, newest first.</summary>
    /// <param name="filter">What to keep.</param>
    public IReadOnlyList<LogEntry> Query(LogFilter filter)
    {
        var minimum = string.IsNullOrEmpty(filter.MinimumLevel) ? 0 : LogEntry.RankOf(filter.MinimumLevel);
        var limit = Math.Clamp(filter.Limit, 1, 5_000);
        var found = new List<LogEntry>(Math.Min(limit, 512));
        lock (_lock)
        {
            // Newest first, and no further back than the filter's sequence or its limit (a dashboard page asks every 2 s).
            for (var node = _entries.Last; node is not null && found.Count < limit && node.Value.Sequence > filter.AfterSequence; node = node.Previous)
            {
                if (Keeps(node.Value, filter, minimum))
                {
                    found.Add(node.Value);
                }
            }
        }

        return found;
    }

    private static bool Keeps(LogEntry e, LogFilter filter, int minimum) =>
        (string.IsNullOrEmpty(filter.Resource) || e.Source.ServiceName == filter.Resource)
        && e.LevelRank >= minimum
        && (string.IsNullOrEmpty(filter.TraceId) || string.Equals(e.TraceId, filter.TraceId, StringComparison.OrdinalIgnoreCase))
        && (string.IsNullOrEmpty(filter.Text)
            || e.Message.Contains(filter.Text, StringComparison.OrdinalIgnoreCase)
            || e.Category.Contains(filter.Text, StringComparison.OrdinalIgnoreCase)
            || e.Attributes.Any(a => a.Value.Contains(filter.Text, StringComparison.OrdinalIgnoreCase)));
}

/// <summary>Which structured log records to show.</summary>
/// <param name="Resource">Only this service, or null for all.</param>
/// <param name="MinimumLevel">Only this level and above (e.g. <c>Warning</c>), or null.</param>
/// <param name="Text">Text in the message, category or an attribute value, or null.</param>
/// <param name="TraceId">Only records of this trace, or null.</param>
/// <param name="AfterSequence">Only records after this sequence number (incremental reads); -1 for all.</param>
/// <param name="Limit">At most this many.</param>
public sealed record LogFilter(string? Resource, string? MinimumLevel, string? Text, string? TraceId, long AfterSequence = -1, int Limit = 500);
