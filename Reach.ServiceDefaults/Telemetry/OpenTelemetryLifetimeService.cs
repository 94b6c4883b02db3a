using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Reach.ServiceDefaults.Telemetry;

/// <summary>
/// Makes sure the <see cref="OpenTelemetrySdk"/> singleton exists when the host starts (so its
/// listeners are in place before the first request), and flushes traces and metrics when the host stops.
/// The host's service provider disposes the SDK afterwards, which flushes logs and shuts the exporters down.
/// </summary>
/// <param name="sdk">The SDK; taking it here is what creates it at start at the latest.</param>
internal sealed class OpenTelemetryLifetimeService(OpenTelemetrySdk sdk) : IHostedService
{
    // Bounded, so an unreachable collector cannot hold up shutdown for long.
    private const int FlushTimeoutMilliseconds = 3_000;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        // ForceFlush blocks: run both off the caller's thread, in parallel, and stop waiting if the host gives up.
        var flushes = Task.WhenAll(
            Task.Run(() => sdk.TracerProvider.ForceFlush(FlushTimeoutMilliseconds), CancellationToken.None),
            Task.Run(() => sdk.MeterProvider.ForceFlush(FlushTimeoutMilliseconds), CancellationToken.None));
        try
        {
            await flushes.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutdown timed out; disposal still flushes what it can.
        }
    }
}
