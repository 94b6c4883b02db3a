namespace Reach.AppHost.Dashboard.Telemetry;

/// <summary>
/// How much telemetry the dashboard keeps in memory, like Aspire's dashboard (<c>Dashboard:TelemetryLimits</c>): when a
/// limit is reached the oldest item is dropped. Bound from <c>Reach:Dashboard:Limits</c>.
/// </summary>
public sealed class TelemetryLimits
{
    /// <summary>Traces kept (default 10,000).</summary>
    public int MaxTraces { get; set; } = 10_000;

    /// <summary>Spans kept per trace (default 5,000); later spans of a bigger trace are counted as dropped.</summary>
    public int MaxSpansPerTrace { get; set; } = 5_000;

    /// <summary>Structured log records kept (default 10,000).</summary>
    public int MaxLogRecords { get; set; } = 10_000;

    /// <summary>Data points kept per time series of an instrument (default 300: five minutes at one export a second).</summary>
    public int MaxPointsPerSeries { get; set; } = 300;

    /// <summary>Time series (attribute combinations) kept per instrument (default 50).</summary>
    public int MaxSeriesPerInstrument { get; set; } = 50;

    /// <summary>Instruments kept (default 2,000).</summary>
    public int MaxInstruments { get; set; } = 2_000;
}
