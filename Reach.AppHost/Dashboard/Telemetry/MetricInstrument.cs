namespace Reach.AppHost.Dashboard.Telemetry;

/// <summary>
/// One instrument of one service, with a bounded history per time series (attribute combination). Mutated only under
/// the <see cref="MetricStore"/>'s lock.
/// </summary>
/// <param name="service">The service name.</param>
/// <param name="meter">The Meter name.</param>
/// <param name="name">The instrument name.</param>
public sealed class MetricInstrument(string service, string meter, string name)
{
    private readonly Dictionary<string, LinkedList<MetricPoint>> _series = new(StringComparer.Ordinal);

    /// <summary>The service name.</summary>
    public string Service { get; } = service;

    /// <summary>The Meter name.</summary>
    public string Meter { get; } = meter;

    /// <summary>The instrument name.</summary>
    public string Name { get; } = name;

    /// <summary>The description.</summary>
    public string Description { get; set; } = "";

    /// <summary>The unit.</summary>
    public string Unit { get; set; } = "";

    /// <summary>Counter, UpDownCounter, Gauge, Histogram or Summary.</summary>
    public string Kind { get; set; } = "";

    /// <summary>When the last point arrived.</summary>
    public DateTimeOffset LastUpdated { get; private set; }

    /// <summary>Adds a point to the series of <paramref name="seriesKey"/>, keeping the limits.</summary>
    public void Add(string seriesKey, MetricPoint point, TelemetryLimits limits)
    {
        if (!_series.TryGetValue(seriesKey, out var points))
        {
            if (_series.Count >= limits.MaxSeriesPerInstrument)
            {
                return;
            }

            points = new LinkedList<MetricPoint>();
            _series[seriesKey] = points;
        }

        points.AddLast(point);
        while (points.Count > Math.Max(1, limits.MaxPointsPerSeries))
        {
            points.RemoveFirst();
        }

        LastUpdated = point.Time > LastUpdated ? point.Time : LastUpdated;
    }

    /// <summary>How many series (attribute combinations) it has.</summary>
    public int SeriesCount => _series.Count;

    /// <summary>A copy of the series: attribute text (empty for none) → points, oldest first.</summary>
    public IReadOnlyDictionary<string, MetricPoint[]> CopySeries() =>
        _series.ToDictionary(s => s.Key, s => s.Value.ToArray(), StringComparer.Ordinal);
}
