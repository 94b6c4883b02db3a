namespace Reach.AppHost.Dashboard.Telemetry;

/// <summary>One row of the instruments list (without the values).</summary>
/// <param name="Service">The service name.</param>
/// <param name="Meter">The Meter name.</param>
/// <param name="Name">The instrument name.</param>
/// <param name="Description">The description.</param>
/// <param name="Unit">The unit.</param>
/// <param name="Kind">Counter, UpDownCounter, Gauge, Histogram or Summary.</param>
/// <param name="LastUpdated">When the last point arrived.</param>
/// <param name="SeriesCount">How many time series (attribute combinations) it has.</param>
public sealed record MetricInstrumentSummary(
    string Service,
    string Meter,
    string Name,
    string Description,
    string Unit,
    string Kind,
    DateTimeOffset LastUpdated,
    int SeriesCount);
