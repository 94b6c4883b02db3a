namespace Reach.AppHost.Dashboard.Telemetry;

/// <summary>
/// The received metrics: instruments per service, each with at most <see cref="TelemetryLimits.MaxSeriesPerInstrument"/>
/// series of at most <see cref="TelemetryLimits.MaxPointsPerSeries"/> points (oldest dropped first). Thread-safe.
/// </summary>
/// <param name="limits">The limits.</param>
public sealed class MetricStore(TelemetryLimits limits)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<(string Service, string Meter, string Name), MetricInstrument> _instruments = [];

    /// <summary>Adds data points.</summary>
    public void Add(IEnumerable<MetricSample> samples)
    {
        lock (_lock)
        {
            foreach (var sample in samples)
            {
                var key = (sample.Source.ServiceName, sample.Meter, sample.Name);
                if (!_instruments.TryGetValue(key, out var instrument))
                {
                    if (_instruments.Count >= limits.MaxInstruments)
                    {
                        continue;
                    }

                    instrument = new MetricInstrument(key.ServiceName, key.Meter, key.Name);
                    _instruments[key] = instrument;
                }

                instrument.Description = sample.Description;
                instrument.Unit = sample.Unit;
                instrument.Kind = sample.Kind;
                instrument.Add(SeriesKey(sample.Attributes), sample.Point, limits);
            }
        }
    }

    /// <summary>The instruments of a service (all services when null), by meter and name, without their values.</summary>
    public IReadOnlyList<MetricInstrumentSummary> List(string? service)
    {
        lock (_lock)
        {
            return _instruments.Values
                .Where(i => string.IsNullOrEmpty(service) || i.Service == service)
                .OrderBy(i => i.Service, StringComparer.Ordinal).ThenBy(i => i.Meter, StringComparer.Ordinal).ThenBy(i => i.Name, StringComparer.Ordinal)
                .Select(i => new MetricInstrumentSummary(i.Service, i.Meter, i.Name, i.Description, i.Unit, i.Kind, i.LastUpdated, i.SeriesCount))
                .ToArray();
        }
    }

    /// <summary>One instrument with its series, or null.</summary>
    public MetricInstrumentView? Get(string service, string meter, string name)
    {
        lock (_lock)
        {
            return _instruments.TryGetValue((service, meter, name), out var instrument) ? View(instrument) : null;
        }
    }

    private static MetricInstrumentView View(MetricInstrument i) =>
        new(i.Service, i.Meter, i.Name, i.Description, i.Unit, i.Kind, i.LastUpdated, i.CopySeries());

    private static string SeriesKey(IReadOnlyList<TelemetryAttribute> attributes) =>
        string.Join(", ", attributes.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => $"{a.Key}={a.Value}"));
}

/// <summary>A copy of an instrument and its recent values.</summary>
/// <param name="Service">The service name.</param>
/// <param name="Meter">The Meter name.</param>
/// <param name="Name">The instrument name.</param>
/// <param name="Description">The description.</param>
/// <param name="Unit">The unit.</param>
/// <param name="Kind">Counter, UpDownCounter, Gauge, Histogram or Summary.</param>
/// <param name="LastUpdated">When the last point arrived.</param>
/// <param name="Series">Attribute text → points, oldest first.</param>
public sealed record MetricInstrumentView(
    string Service,
    string Meter,
    string Name,
    string Description,
    string Unit,
    string Kind,
    DateTimeOffset LastUpdated,
    IReadOnlyDictionary<string, MetricPoint[]> Series);
