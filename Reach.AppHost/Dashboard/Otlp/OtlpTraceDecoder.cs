using OpenTelemetry.Proto.Collector.Trace.V1;
using OpenTelemetry.Proto.Trace.V1;
using Reach.AppHost.Dashboard.Telemetry;

namespace Reach.AppHost.Dashboard.Otlp;

/// <summary>Decodes an OTLP trace export into <see cref="SpanData"/>.</summary>
public static class OtlpTraceDecoder
{
    /// <summary>The spans of the request; spans without a valid trace or span id are counted in <paramref name="rejected"/>.</summary>
    public static IReadOnlyList<SpanData> Decode(ExportTraceServiceRequest request, out int rejected)
    {
        var spans = new List<SpanData>();
        rejected = 0;
        foreach (var resourceSpans in request.ResourceSpans)
        {
            var source = OtlpValues.Source(resourceSpans.Resource);
            foreach (var scopeSpans in resourceSpans.ScopeSpans)
            {
                var scope = scopeSpans.Scope?.Name ?? "";
                foreach (var span in scopeSpans.Spans)
                {
                    var traceId = OtlpValues.Id(span.TraceId);
                    var spanId = OtlpValues.Id(span.SpanId);
                    if (traceId is null || spanId is null)
                    {
                        rejected++;
                        continue;
                    }

                    spans.Add(new SpanData(
                        traceId,
                        spanId,
                        OtlpValues.Id(span.ParentSpanId),
                        span.Name,
                        Kind(span.Kind),
                        source,
                        scope,
                        OtlpValues.Time(span.StartTimeUnixNano),
                        OtlpValues.Time(span.EndTimeUnixNano),
                        Status(span.Status),
                        string.IsNullOrEmpty(span.Status?.Message) ? null : span.Status.Message,
                        OtlpValues.Attributes(span.Attributes),
                        span.Events.Select(e => new SpanEventData(OtlpValues.Time(e.TimeUnixNano), e.Name, OtlpValues.Attributes(e.Attributes))).ToArray(),
                        span.Links
                            .Select(l => (TraceId: OtlpValues.Id(l.TraceId), SpanId: OtlpValues.Id(l.SpanId), l.Attributes))
                            .Where(l => l.TraceId is not null && l.SpanId is not null)
                            .Select(l => new SpanLinkData(l.TraceId!, l.SpanId!, OtlpValues.Attributes(l.Attributes)))
                            .ToArray()));
                }
            }
        }

        return spans;
    }

    private static string Kind(Span.Types.SpanKind kind) => kind switch
    {
        Span.Types.SpanKind.Server => "Server",
        Span.Types.SpanKind.Client => "Client",
        Span.Types.SpanKind.Producer => "Producer",
        Span.Types.SpanKind.Consumer => "Consumer",
        _ => "Internal",
    };

    private static string Status(Status? status) => status?.Code switch
    {
        OpenTelemetry.Proto.Trace.V1.Status.Types.StatusCode.Ok => "Ok",
        OpenTelemetry.Proto.Trace.V1.Status.Types.StatusCode.Error => "Error",
        _ => "Unset",
    };
}
