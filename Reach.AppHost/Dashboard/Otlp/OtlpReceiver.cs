using Google.Protobuf;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Proto.Collector.Logs.V1;
using OpenTelemetry.Proto.Collector.Metrics.V1;
using OpenTelemetry.Proto.Collector.Trace.V1;
using Reach.AppHost.Dashboard.Telemetry;

namespace Reach.AppHost.Dashboard.Otlp;

/// <summary>
/// The OTLP/HTTP receiver (protobuf): <c>POST /v1/traces</c>, <c>/v1/logs</c>, <c>/v1/metrics</c>, as the OpenTelemetry
/// exporters send them with <c>OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf</c>. Bodies may be gzip-compressed.
/// Answers 200 with the export response (partial success when spans were rejected), 400 for an unreadable body and
/// 415 for anything but protobuf.
/// </summary>
public static class OtlpReceiver
{
    /// <summary>Maps the three export endpoints, reachable only on <paramref name="hostPattern"/> (e.g. <c>*:18890</c>).</summary>
    public static IEndpointConventionBuilder MapOtlpReceiver(this IEndpointRouteBuilder endpoints, string hostPattern)
    {
        var otlp = endpoints.MapGroup("/v1").RequireHost(hostPattern);

        otlp.MapPost("/traces", async (HttpRequest request, TraceStore store, ILoggerFactory loggers, CancellationToken ct) =>
            await ReceiveAsync(request, ExportTraceServiceRequest.Parser, loggers, ct, export =>
            {
                var spans = OtlpTraceDecoder.Decode(export, out var rejected);
                store.Add(spans);
                return new ExportTraceServiceResponse
                {
                    PartialSuccess = rejected == 0 ? null : new ExportTracePartialSuccess { RejectedSpans = rejected, ErrorMessage = "spans without a valid trace or span id" },
                };
            }));

        otlp.MapPost("/logs", async (HttpRequest request, LogStore store, ILoggerFactory loggers, CancellationToken ct) =>
            await ReceiveAsync(request, ExportLogsServiceRequest.Parser, loggers, ct, export =>
            {
                store.Add(OtlpLogDecoder.Decode(export));
                return new ExportLogsServiceResponse();
            }));

        otlp.MapPost("/metrics", async (HttpRequest request, MetricStore store, ILoggerFactory loggers, CancellationToken ct) =>
            await ReceiveAsync(request, ExportMetricsServiceRequest.Parser, loggers, ct, export =>
            {
                store.Add(OtlpMetricDecoder.Decode(export));
                return new ExportMetricsServiceResponse();
            }));

        return otlp;
    }

    private static async Task<IResult> ReceiveAsync<TRequest>(
        HttpRequest request,
        MessageParser<TRequest> parser,
        ILoggerFactory loggers,
        CancellationToken cancellationToken,
        Func<TRequest, IMessage> store)
        where TRequest : IMessage<TRequest>
    {
        if (!OtlpRequestBody.IsProtobuf(request))
        {
            return Results.Text($"Only {OtlpRequestBody.ProtobufContentType} is accepted (OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf).", statusCode: StatusCodes.Status415UnsupportedMediaType);
        }

        TRequest export;
        try
        {
            export = await OtlpRequestBody.ReadAsync(request, parser, cancellationToken);
        }
        catch (Exception e) when (e is InvalidProtocolBufferException or InvalidDataException)
        {
            loggers.CreateLogger(typeof(OtlpReceiver)).LogWarning("Rejected an OTLP export to {Path}: {Error}", request.Path, e.Message);
            return Results.Text("The body is not a valid OTLP export: " + e.Message, statusCode: StatusCodes.Status400BadRequest);
        }

        var response = store(export);
        return Results.Bytes(response.ToByteArray(), OtlpRequestBody.ProtobufContentType);
    }
}
