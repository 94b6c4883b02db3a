using OpenTelemetry.Proto.Collector.Logs.V1;
using OpenTelemetry.Proto.Logs.V1;
using Reach.AppHost.Dashboard.Telemetry;

namespace Reach.AppHost.Dashboard.Otlp;

/// <summary>Decodes an OTLP logs export into <see cref="LogEntry"/> records.</summary>
public static class OtlpLogDecoder
{
    /// <summary>The log records of the request (their sequence numbers are assigned by the store).</summary>
    public static IReadOnlyList<LogEntry> Decode(ExportLogsServiceRequest request)
    {
        var entries = new List<LogEntry>();
        foreach (var resourceLogs in request.ResourceLogs)
        {
            var source = OtlpValues.Source(resourceLogs.Resource);
            foreach (var scopeLogs in resourceLogs.ScopeLogs)
            {
                var scope = scopeLogs.Scope?.Name ?? "";
                foreach (var record in scopeLogs.LogRecords)
                {
                    var time = record.TimeUnixNano != 0 ? record.TimeUnixNano : record.ObservedTimeUnixNano;
                    var attributes = OtlpValues.Attributes(record.Attributes);
                    entries.Add(new LogEntry(
                        0,
                        time == 0 ? DateTimeOffset.UtcNow : OtlpValues.Time(time),
                        Level(record.SeverityNumber),
                        Message(OtlpValues.Text(record.Body), attributes),
                        scope,
                        source,
                        OtlpValues.Id(record.TraceId),
                        OtlpValues.Id(record.SpanId),
                        attributes));
                }
            }
        }

        return entries;
    }

    /// <summary>
    /// The message: the body, with a message template's placeholders (<c>{BatchId}</c>) replaced by the attributes of the
    /// same name when the exporter sent the template rather than the formatted text.
    /// </summary>
    public static string Message(string body, IReadOnlyList<TelemetryAttribute> attributes)
    {
        if (!body.Contains('{', StringComparison.Ordinal))
        {
            return body;
        }

        foreach (var attribute in attributes)
        {
            body = body.Replace("{" + attribute.Key + "}", attribute.Value, StringComparison.Ordinal);
        }

        return body;
    }

    /// <summary>The .NET level name of an OTLP severity number.</summary>
    public static string Level(SeverityNumber severity) => (int)severity switch
    {
        >= 21 => "Critical",
        >= 17 => "Error",
        >= 13 => "Warning",
        >= 9 => "Information",
        >= 5 => "Debug",
        _ => "Trace",
    };
}
