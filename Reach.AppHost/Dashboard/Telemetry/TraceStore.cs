namespace Reach.AppHost.Dashboard.Telemetry;

/// <summary>
/// The received traces, in memory, at most <see cref="TelemetryLimits.MaxTraces"/> (the oldest trace is dropped first)
/// with at most <see cref="TelemetryLimits.MaxSpansPerTrace"/> spans each. Thread-safe.
/// </summary>
/// <param name="limits">The limits.</param>
public sealed class TraceStore(TelemetryLimits limits)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, StoredTrace> _traces = new(StringComparer.Ordinal);
    private readonly LinkedList<string> _order = new();
    private long _version;

    /// <summary>Incremented by every change (lets the UI skip redraws).</summary>
    public long Version => Interlocked.Read(ref _version);

    /// <summary>Spans that were not kept because their trace was full.</summary>
    public long DroppedSpans { get; private set; }

    /// <summary>Adds spans; a span already stored (same trace and span id) is replaced.</summary>
    public void Add(IEnumerable<SpanData> spans)
    {
        lock (_lock)
        {
            foreach (var span in spans)
            {
                if (!_traces.TryGetValue(span.TraceId, out var trace))
                {
                    trace = new StoredTrace();
                    _traces[span.TraceId] = trace;
                    _order.AddLast(span.TraceId);
                    while (_order.Count > Math.Max(1, limits.MaxTraces))
                    {
                        _traces.Remove(_order.First!.Value);
                        _order.RemoveFirst();
                    }
                }

                if (trace.Index.TryGetValue(span.SpanId, out var existing))
                {
                    trace.Spans[existing] = span;
                    trace.Summary = null;
                }
                else if (trace.Spans.Count < limits.MaxSpansPerTrace)
                {
                    trace.Index[span.SpanId] = trace.Spans.Count;
                    trace.Spans.Add(span);
                    trace.Summary = null;
                }
                else
                {
                    DroppedSpans++;
                }
            }

            Interlocked.Increment(ref _version);
        }
    }

    /// <summary>How many traces are kept.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _traces.Count;
            }
        }
    }

    /// <summary>The spans of a trace ordered by start, or null when it is not (or no longer) kept.</summary>
    public IReadOnlyList<SpanData>? Get(string traceId)
    {
        lock (_lock)
        {
            return _traces.TryGetValue(traceId.ToLowerInvariant(), out var trace) ? trace.Spans.OrderBy(s => s.Start).ToArray() : null;
        }
    }

    /// <summary>The traces, newest first, optionally only those with a span of <paramref name="resource"/> or matching <paramref name="text"/>.</summary>
    /// <param name="resource">A service name, or null for all.</param>
    /// <param name="text">Text to find in a span name, attribute value or the trace id, or null.</param>
    /// <param name="limit">At most this many.</param>
    /// <param name="hideLoneDatabaseCommands">
    /// Leave out traces that are one database command and nothing else (a background loop polling its queue).
    /// </param>
    public IReadOnlyList<TraceSummary> List(string? resource = null, string? text = null, int limit = 200, bool hideLoneDatabaseCommands = false)
    {
        // Filtered on the stored spans and summarized once per change (a dashboard page asks every 2 s).
        List<TraceSummary> summaries;
        lock (_lock)
        {
            summaries = _traces.Values
                .Where(t => t.Spans.Count > 0)
                .Where(t => !hideLoneDatabaseCommands || t.Spans.Count > 1 || t.Spans[0].DatabaseSystem is null)
                .Where(t => string.IsNullOrEmpty(resource) || t.Spans.Any(s => s.Source.ServiceName == resource))
                .Where(t => string.IsNullOrEmpty(text) || t.Spans.Any(s => Matches(s, text)))
                .Select(t => t.Summary ??= Summarize(t.Spans))
                .ToList();
        }

        return summaries.OrderByDescending(t => t.Start).Take(limit).ToArray();
    }

    /// <summary>The traces with a span that links to a span of <paramref name="traceId"/> (e.g. receipt batches answering a send).</summary>
    public IReadOnlyList<TraceSummary> LinkedFrom(string traceId)
    {
        List<TraceSummary> summaries;
        lock (_lock)
        {
            summaries = _traces.Values
                .Where(t => t.Spans.Any(s => s.Links.Any(l => l.TraceId == traceId)))
                .Select(t => t.Summary ??= Summarize(t.Spans))
                .ToList();
        }

        return summaries.OrderBy(t => t.Start).ToArray();
    }

    /// <summary>Summarizes a trace's spans.</summary>
    public static TraceSummary Summarize(IReadOnlyList<SpanData> spans)
    {
        var ids = spans.Select(s => s.SpanId).ToHashSet(StringComparer.Ordinal);
        var root = spans.Where(s => s.ParentSpanId is null || !ids.Contains(s.ParentSpanId)).MinBy(s => s.Start) ?? spans[0];
        var start = spans.Min(s => s.Start);
        var end = spans.Max(s => s.End);
        var perResource = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var span in spans)
        {
            perResource[span.Source.ServiceName] = perResource.GetValueOrDefault(span.Source.ServiceName) + 1;
            if (span.DatabaseSystem is { } db)
            {
                perResource[db] = perResource.GetValueOrDefault(db) + 1;
            }
        }

        var linked = spans.SelectMany(s => s.Links).Select(l => l.TraceId).Where(t => t != root.TraceId).Distinct().ToArray();
        return new TraceSummary(root.TraceId, $"{root.Source.ServiceName}: {root.Name}", start, end - start, spans.Count, perResource,
            spans.Count(s => s.IsError), linked);
    }

    private static bool Matches(SpanData span, string text) =>
        span.Name.Contains(text, StringComparison.OrdinalIgnoreCase)
        || span.TraceId.Equals(text, StringComparison.OrdinalIgnoreCase)
        || span.Attributes.Any(a => a.Value.Contains(text, StringComparison.OrdinalIgnoreCase));

    /// <summary>A kept trace: its spans in arrival order, where each span id is, and its summary until the next change.</summary>
    private sealed class StoredTrace
    {
        public List<SpanData> Spans { get; } = [];

        public Dictionary<string, int> Index { get; } = new(StringComparer.Ordinal);

        public TraceSummary? Summary { get; set; }
    }
}
