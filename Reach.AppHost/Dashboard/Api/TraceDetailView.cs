using Reach.AppHost.Dashboard.Telemetry;

namespace Reach.AppHost.Dashboard.Api;

/// <summary>A trace as the detail page shows it.</summary>
/// <param name="Summary">Its summary row.</param>
/// <param name="Spans">Its spans, ordered by start.</param>
/// <param name="LinkedFrom">Traces whose spans link to this one (e.g. receipt batches answering its sends).</param>
/// <param name="LinksTo">Traces this one's spans link to (e.g. the sends a receipt batch answers), when kept.</param>
public sealed record TraceDetailView(
    TraceSummary Summary,
    IReadOnlyList<SpanData> Spans,
    IReadOnlyList<TraceSummary> LinkedFrom,
    IReadOnlyList<TraceSummary> LinksTo);
