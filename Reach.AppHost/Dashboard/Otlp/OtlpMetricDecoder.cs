using OpenTelemetry.Proto.Collector.Metrics.V1;
using OpenTelemetry.Proto.Metrics.V1;
using Reach.AppHost.Dashboard.Telemetry;

namespace Reach.AppHost.Dashboard.Otlp;

/// <summary>Decodes an OTLP metrics export into <see cref="MetricSample"/>s, one per data point.</summary>
public static class OtlpMetricDecoder
{
    /// <summary>The data points of the request.</summary>
    public static IReadOnlyList<MetricSample> Decode(ExportMetricsServiceRequest request)
    {
        var samples = new List<MetricSample>();
        foreach (var resourceMetrics in request.ResourceMetrics)
        {
            var source = OtlpValues.Source(resourceMetrics.Resource);
            foreach (var scopeMetrics in resourceMetrics.ScopeMetrics)
            {
                var meter = scopeMetrics.Scope?.Name ?? "";
                foreach (var metric in scopeMetrics.Metrics)
                {
                    MetricSample Sample(string kind, Google.Protobuf.Collections.RepeatedField<OpenTelemetry.Proto.Common.V1.KeyValue> attributes, MetricPoint point) =>
                        new(source, meter, metric.Name, metric.Description, metric.Unit, kind, OtlpValues.Attributes(attributes), point);

                    switch (metric.DataCase)
                    {
                        case Metric.DataOneofCase.Gauge:
                            samples.AddRange(metric.Gauge.DataPoints.Select(p => Sample("Gauge", p.Attributes, Number(p))));
                            break;
                        case Metric.DataOneofCase.Sum:
                            var kind = metric.Sum.IsMonotonic ? "Counter" : "UpDownCounter";
                            samples.AddRange(metric.Sum.DataPoints.Select(p => Sample(kind, p.Attributes, Number(p))));
                            break;
                        case Metric.DataOneofCase.Histogram:
                            samples.AddRange(metric.Histogram.DataPoints.Select(p => Sample("Histogram", p.Attributes,
                                new MetricPoint(OtlpValues.Time(p.TimeUnixNano), p.Count, p.HasSum ? p.Sum : null))));
                            break;
                        case Metric.DataOneofCase.ExponentialHistogram:
                            samples.AddRange(metric.ExponentialHistogram.DataPoints.Select(p => Sample("Histogram", p.Attributes,
                                new MetricPoint(OtlpValues.Time(p.TimeUnixNano), p.Count, p.HasSum ? p.Sum : null))));
                            break;
                        case Metric.DataOneofCase.Summary:
                            samples.AddRange(metric.Summary.DataPoints.Select(p => Sample("Summary", p.Attributes,
                                new MetricPoint(OtlpValues.Time(p.TimeUnixNano), p.Count, p.Sum))));
                            break;
                    }
                }
            }
        }

        return samples;
    }

    private static MetricPoint Number(NumberDataPoint point) => new(
        OtlpValues.Time(point.TimeUnixNano),
        point.ValueCase == NumberDataPoint.ValueOneofCase.AsInt ? point.AsInt : point.AsDouble);
}
