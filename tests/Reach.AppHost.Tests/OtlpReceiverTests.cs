using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using Google.Protobuf;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using OpenTelemetry.Proto.Collector.Trace.V1;
using OpenTelemetry.Proto.Common.V1;
using OpenTelemetry.Proto.Trace.V1;
using Reach.AppHost.Dashboard.Otlp;
using Reach.AppHost.Dashboard.Telemetry;
using OtlpResource = OpenTelemetry.Proto.Resource.V1.Resource;

namespace Reach.AppHost.Tests;

/// <summary>
/// The receiver against the real OpenTelemetry .NET exporter (http/protobuf): what the services send is decoded with
/// its attributes, events, links, status, log levels and trace ids, and counter and histogram values.
/// </summary>
public sealed class OtlpReceiverTests : IAsyncLifetime
{
    private readonly int _port = FreePort();
    private WebApplication? _app;

    private TraceStore Traces => _app!.Services.GetRequiredService<TraceStore>();

    public async ValueTask InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.ListenLocalhost(_port));
        builder.Services.AddSingleton(new TelemetryLimits { MaxTraces = 3 });
        builder.Services.AddSingleton<TraceStore>();
        builder.Services.AddSingleton<LogStore>();
        builder.Services.AddSingleton<MetricStore>();
        _app = builder.Build();
        _app.MapOtlpReceiver("*:" + _port);
        await _app.StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    [Fact]
    public void The_exporters_spans_logs_and_metrics_arrive_decoded()
    {
        using var source = new ActivitySource("Reach.Test");
        using var meter = new Meter("Reach.Test");
        var counter = meter.CreateCounter<long>("reach.test.messages");
        var histogram = meter.CreateHistogram<double>("reach.test.latency", unit: "s");

        ActivityContext linked;
        string traceId;
        using (var sdk = OpenTelemetrySdk.Create(otel => otel
            .ConfigureResource(r => r.Clear().AddService("crm", serviceInstanceId: "instance-1"))
            .WithTracing(t => t.AddSource("Reach.Test"))
            .WithMetrics(m => m.AddMeter("Reach.Test"))
            .WithLogging()
            .UseOtlpExporter(OtlpExportProtocol.HttpProtobuf, new Uri($"http://localhost:{_port}"))))
        {
            using (var send = source.StartActivity("campaign dispatch", ActivityKind.Producer))
            {
                linked = send!.Context;
            }

            using (var receipt = source.StartActivity("send receipts", ActivityKind.Producer, default(ActivityContext), links: [new ActivityLink(linked)]))
            {
                traceId = receipt!.TraceId.ToHexString();
                receipt.SetTag("gen_ai.request.model", "reach-planner");
                receipt.SetTag("gen_ai.usage.input_tokens", 42);
                receipt.AddEvent(new ActivityEvent("retry", tags: new ActivityTagsCollection { ["attempt"] = 2 }));
                receipt.SetStatus(ActivityStatusCode.Error, "channel refused");

                var logger = sdk.GetLoggerFactory().CreateLogger("Reach.Test.Receipts");
                logger.LogWarning("Receipt batch {BatchId} refused", "wh_1");
            }

            counter.Add(3);
            counter.Add(4);
            histogram.Record(0.25);
            histogram.Record(0.75);
        }

        var spans = Traces.Get(traceId);
        Assert.NotNull(spans);
        var span = Assert.Single(spans);
        Assert.Equal("send receipts", span.Name);
        Assert.Equal("Producer", span.Kind);
        Assert.Equal("crm", span.Source.ServiceName);
        Assert.Equal("instance-1", span.Source.InstanceId);
        Assert.Equal("Reach.Test", span.Scope);
        Assert.Equal("Error", span.Status);
        Assert.Equal("channel refused", span.StatusMessage);
        Assert.Equal("reach-planner", span.Attribute("gen_ai.request.model"));
        Assert.Equal("42", span.Attribute("gen_ai.usage.input_tokens"));
        var retry = Assert.Single(span.Events);
        Assert.Equal("retry", retry.Name);
        Assert.Contains(new TelemetryAttribute("attempt", "2"), retry.Attributes);
        var link = Assert.Single(span.Links);
        Assert.Equal(linked.TraceId.ToHexString(), link.TraceId);
        Assert.Equal(linked.SpanId.ToHexString(), link.SpanId);
        Assert.True(span.End >= span.Start);
        Assert.InRange(span.Start, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow);

        var linkedFrom = Assert.Single(Traces.LinkedFrom(linked.TraceId.ToHexString()));
        Assert.Equal(traceId, linkedFrom.TraceId);

        var log = Assert.Single(_app!.Services.GetRequiredService<LogStore>().Query(new LogFilter("crm", "Warning", "refused", traceId)));
        Assert.Equal("Warning", log.Level);
        Assert.Equal("Receipt batch wh_1 refused", log.Message);
        Assert.Equal("Reach.Test.Receipts", log.Category);
        Assert.Equal(span.SpanId, log.SpanId);

        var metrics = _app.Services.GetRequiredService<MetricStore>();
        var messages = metrics.Get("crm", "Reach.Test", "reach.test.messages");
        Assert.NotNull(messages);
        Assert.Equal("Counter", messages.Kind);
        Assert.Equal(7, Assert.Single(messages.Series).Value.Last().Value);
        var latency = metrics.Get("crm", "Reach.Test", "reach.test.latency");
        Assert.NotNull(latency);
        Assert.Equal("Histogram", latency.Kind);
        Assert.Equal("s", latency.Unit);
        var point = Assert.Single(latency.Series).Value.Last();
        Assert.Equal(2, point.Value);
        Assert.Equal(1.0, point.Sum);
    }

    [Fact]
    public async Task A_gzip_body_is_accepted_and_the_oldest_trace_is_dropped_at_the_limit()
    {
        using var http = new HttpClient { BaseAddress = new Uri($"http://localhost:{_port}") };
        var ids = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            var traceId = ActivityTraceId.CreateRandom();
            ids.Add(traceId.ToHexString());
            var export = Export(traceId, $"span {i}");
            using var compressed = new MemoryStream();
            await using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
            {
                export.WriteTo(gzip);
            }

            using var content = new ByteArrayContent(compressed.ToArray());
            content.Headers.ContentType = new MediaTypeHeaderValue("application/x-protobuf");
            content.Headers.ContentEncoding.Add("gzip");
            using var response = await http.PostAsync("/v1/traces", content, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/x-protobuf", response.Content.Headers.ContentType?.MediaType);
            var answer = ExportTraceServiceResponse.Parser.ParseFrom(await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
            Assert.Null(answer.PartialSuccess);
        }

        Assert.Equal(3, Traces.Count);
        Assert.Null(Traces.Get(ids[0]));
        Assert.Equal("span 3", Assert.Single(Traces.Get(ids[3])!).Name);
    }

    [Fact]
    public async Task Json_and_garbage_are_refused()
    {
        using var http = new HttpClient { BaseAddress = new Uri($"http://localhost:{_port}") };
        using var json = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await http.PostAsync("/v1/logs", json, TestContext.Current.CancellationToken)).StatusCode);

        using var garbage = new ByteArrayContent([0xff, 0xff, 0xff, 0x01]);
        garbage.Headers.ContentType = new MediaTypeHeaderValue("application/x-protobuf");
        Assert.Equal(HttpStatusCode.BadRequest, (await http.PostAsync("/v1/metrics", garbage, TestContext.Current.CancellationToken)).StatusCode);
    }

    private static ExportTraceServiceRequest Export(ActivityTraceId traceId, string name)
    {
        var traceBytes = new byte[16];
        traceId.CopyTo(traceBytes);
        var spanBytes = new byte[8];
        ActivitySpanId.CreateRandom().CopyTo(spanBytes);
        var now = (ulong)DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1_000_000;
        var resource = new OtlpResource();
        resource.Attributes.Add(new KeyValue { Key = "service.name", Value = new AnyValue { StringValue = "channel" } });
        var spans = new ScopeSpans { Scope = new InstrumentationScope { Name = "Reach.Channel" } };
        spans.Spans.Add(new Span
        {
            TraceId = ByteString.CopyFrom(traceBytes),
            SpanId = ByteString.CopyFrom(spanBytes),
            Name = name,
            Kind = Span.Types.SpanKind.Server,
            StartTimeUnixNano = now,
            EndTimeUnixNano = now + 5_000_000,
        });
        var resourceSpans = new ResourceSpans { Resource = resource };
        resourceSpans.ScopeSpans.Add(spans);
        var request = new ExportTraceServiceRequest();
        request.ResourceSpans.Add(resourceSpans);
        return request;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
