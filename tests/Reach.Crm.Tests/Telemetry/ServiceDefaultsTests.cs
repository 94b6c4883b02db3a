using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Trace;
using Reach.Crm.Tests.Infrastructure;
using Reach.ServiceDefaults.ServiceDiscovery;

namespace Reach.Crm.Tests.Telemetry;

/// <summary>
/// ServiceDefaults in the real CRM: a request's span reaches an OTLP/HTTP endpoint, and a logical address
/// such as <c>http://crm</c> resolves through <c>services:crm:http:0</c> (Aspire's convention).
/// </summary>
public sealed class ServiceDefaultsTests : IAsyncLifetime
{
    private FakeOtlpReceiver _receiver = null!;
    private CrmFactory _crm = null!;

    public async ValueTask InitializeAsync()
    {
        _receiver = await FakeOtlpReceiver.StartAsync();
        _crm = new CrmFactory();
        _crm.Settings["OTEL_EXPORTER_OTLP_ENDPOINT"] = _receiver.Url;
        _crm.Settings["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf";
        _crm.Settings["OTEL_SERVICE_NAME"] = "crm";
        _crm.Settings["OTEL_BSP_SCHEDULE_DELAY"] = "200";
        _crm.Settings["services:crm:http:0"] = _receiver.Url;
        await _crm.InitializeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _crm.DisposeAsync();
        await _receiver.DisposeAsync();
    }

    [Fact]
    public async Task A_crm_request_span_reaches_the_otlp_endpoint()
    {
        using var client = _crm.CreateClient();
        using var content = new StringContent("external_id,name\nT-1,Trace Test\n");
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        using var response = await client.PostAsync("/api/ingest/customers", content, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();

        _crm.Services.GetRequiredService<OpenTelemetrySdk>().TracerProvider.ForceFlush(5000);
        Assert.True(await _receiver.WaitForTraceContainingAsync("POST /api/ingest/customers", TimeSpan.FromSeconds(10)),
            "no span named 'POST /api/ingest/customers' reached /v1/traces");
        var traces = _receiver.Received.Where(r => r.Path == "/v1/traces").ToList();
        Assert.All(traces, t => Assert.Equal("application/x-protobuf", t.ContentType));
        // The resource names the service; the span carries the HTTP semantic-convention attributes.
        Assert.True(await _receiver.WaitForTraceContainingAsync("http.route", TimeSpan.FromSeconds(1)));
        Assert.True(await _receiver.WaitForTraceContainingAsync("crm", TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public async Task Http_crm_resolves_through_configuration()
    {
        var resolver = _crm.Services.GetRequiredService<ServiceEndpointResolver>();
        Assert.Equal(new Uri(_receiver.Url + "/alive?x=1"), resolver.Resolve(new Uri("http://crm/alive?x=1")));

        // A real HttpClient from the CRM's container reaches the configured address over HTTP.
        var factory = _crm.Services.GetRequiredService<IHttpClientFactory>();
        using var client = factory.CreateClient();
        var body = await client.GetStringAsync("http://crm/alive", TestContext.Current.CancellationToken);
        Assert.Equal("fake-otlp-receiver", body);
    }
}
