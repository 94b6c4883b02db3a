using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Reach.Crm.Tests.Telemetry;

/// <summary>
/// A loopback OTLP/HTTP endpoint on a real port (Kestrel): records the protobuf bodies POSTed to
/// <c>/v1/traces</c>, <c>/v1/logs</c> and <c>/v1/metrics</c>, and answers <c>GET /alive</c> with its name so
/// a test can check that a logical service address resolves to it.
/// </summary>
public sealed class FakeOtlpReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeOtlpReceiver(WebApplication app) => _app = app;

    /// <summary>Received bodies by signal path.</summary>
    public ConcurrentQueue<(string Path, string ContentType, byte[] Body)> Received { get; } = new();

    /// <summary>The base address, e.g. <c>http://127.0.0.1:43123</c>.</summary>
    public string Url { get; private set; } = "";

    /// <summary>Starts the receiver on a free loopback port.</summary>
    public static async Task<FakeOtlpReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var receiver = new FakeOtlpReceiver(app);
        app.MapPost("/v1/{signal}", async (HttpContext http, string signal) =>
        {
            using var buffer = new MemoryStream();
            await http.Request.Body.CopyToAsync(buffer);
            receiver.Received.Enqueue(($"/v1/{signal}", http.Request.ContentType ?? "", buffer.ToArray()));
            return Results.Ok();
        });
        app.MapGet("/alive", () => "fake-otlp-receiver");
        await app.StartAsync();
        receiver.Url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return receiver;
    }

    /// <summary>Waits until a trace body contains <paramref name="text"/> (span names and attribute values are UTF-8 in the protobuf).</summary>
    public async Task<bool> WaitForTraceContainingAsync(string text, TimeSpan timeout)
    {
        var needle = System.Text.Encoding.UTF8.GetBytes(text);
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (Received.Any(r => r.Path == "/v1/traces" && r.Body.AsSpan().IndexOf(needle) >= 0))
            {
                return true;
            }

            await Task.Delay(50);
        }

        return false;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
