namespace Reach.AppHost.Dashboard.Telemetry;

/// <summary>One row of the traces list.</summary>
/// <param name="TraceId">The trace id.</param>
/// <param name="Name">The root span's resource and name, e.g. <c>crm: POST /api/campaigns/{id}/launch</c>.</param>
/// <param name="Start">The earliest span start.</param>
/// <param name="Duration">From the earliest start to the latest end.</param>
/// <param name="SpanCount">How many spans it has.</param>
/// <param name="SpansPerResource">Span count per resource (service name), plus <c>postgresql</c> for database spans.</param>
/// <param name="ErrorCount">How many spans have status Error.</param>
/// <param name="LinkedTraceIds">The other traces its spans link to.</param>
public sealed record TraceSummary(
    string TraceId,
    string Name,
    DateTimeOffset Start,
    TimeSpan Duration,
    int SpanCount,
    IReadOnlyDictionary<string, int> SpansPerResource,
    int ErrorCount,
    IReadOnlyList<string> LinkedTraceIds)
{
    /// <summary>The duration in milliseconds (for the UI).</summary>
    public double DurationMs => Duration.TotalMilliseconds;
}
