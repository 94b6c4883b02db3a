namespace Reach.AppHost.Dashboard.Telemetry;

/// <summary>A data point as decoded from OTLP, before it is stored under its instrument.</summary>
/// <param name="Source">The process that sent it.</param>
/// <param name="Meter">The instrumentation scope (Meter name).</param>
/// <param name="Name">The instrument name.</param>
/// <param name="Description">The instrument description.</param>
/// <param name="Unit">The unit, e.g. <c>s</c> or <c>{request}</c>.</param>
/// <param name="Kind">Counter, UpDownCounter, Gauge, Histogram or Summary.</param>
/// <param name="Attributes">The attributes that identify its time series.</param>
/// <param name="Point">The value.</param>
public sealed record MetricSample(
    TelemetrySource Source,
    string Meter,
    string Name,
    string Description,
    string Unit,
    string Kind,
    IReadOnlyList<TelemetryAttribute> Attributes,
    MetricPoint Point);
