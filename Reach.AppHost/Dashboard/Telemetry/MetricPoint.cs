namespace Reach.AppHost.Dashboard.Telemetry;

/// <summary>One received data point of a time series.</summary>
/// <param name="Time">When it was measured (the end of its interval).</param>
/// <param name="Value">The value: the number of a counter or gauge; a histogram's count of measurements.</param>
/// <param name="Sum">A histogram's sum of measurements (null for counters and gauges).</param>
public sealed record MetricPoint(DateTimeOffset Time, double Value, double? Sum = null);
