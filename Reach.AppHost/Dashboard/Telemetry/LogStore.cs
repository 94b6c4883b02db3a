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
        LogEntry[] entries;
        lock (_lock)
        {
            entries = _entries.ToArray();
        }

        var minimum = string.IsNullOrEmpty(filter.MinimumLevel) ? 0 : LogEntry.RankOf(filter.MinimumLevel);
        return entries
            .Reverse()
            .Where(e => e.Sequence > filter.AfterSequence)
            .Where(e => string.IsNullOrEmpty(filter.Resource) || e.Source.ServiceName == filter.Resource)
            .Where(e => e.LevelRank >= minimum)
            .Where(e => string.IsNullOrEmpty(filter.TraceId) || string.Equals(e.TraceId, filter.TraceId, StringComparison.OrdinalIgnoreCase))
            .Where(e => string.IsNullOrEmpty(filter.Text)
                || e.Message.Contains(filter.Text, StringComparison.OrdinalIgnoreCase)
                || e.Category.Contains(filter.Text, StringComparison.OrdinalIgnoreCase)
                || e.Attributes.Any(a => a.Value.Contains(filter.Text, StringComparison.OrdinalIgnoreCase)))
            .Take(Math.Clamp(filter.Limit, 1, 5_000))
            .ToArray();
    }
}

/// <summary>Which structured log records to show.</summary>
/// <param name="Resource">Only this service, or null for all.</param>
/// <param name="MinimumLevel">Only this level and above (e.g. <c>Warning</c>), or null.</param>
/// <param name="Text">Text in the message, category or an attribute value, or null.</param>
/// <param name="TraceId">Only records of this trace, or null.</param>
/// <param name="AfterSequence">Only records after this sequence number (incremental reads); -1 for all.</param>
/// <param name="Limit">At most this many.</param>
public sealed record LogFilter(string? Resource, string? MinimumLevel, string? Text, string? TraceId, long AfterSequence = -1, int Limit = 500);
