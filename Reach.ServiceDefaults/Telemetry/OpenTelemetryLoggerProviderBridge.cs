using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OpenTelemetry;

namespace Reach.ServiceDefaults.Telemetry;

/// <summary>
/// Forwards the application's log records to the <see cref="OpenTelemetrySdk"/>'s logging pipeline
/// (and so to the OTLP log exporter). The application's filters apply under the alias
/// <c>OpenTelemetry</c> (<c>Logging:OpenTelemetry:LogLevel</c>), as with the SDK's own provider.
/// </summary>
/// <param name="sdk">The SDK whose logger factory receives the records.</param>
[ProviderAlias("OpenTelemetry")]
internal sealed class OpenTelemetryLoggerProviderBridge(OpenTelemetrySdk sdk) : ILoggerProvider
{
    private readonly ILoggerFactory factory = sdk.GetLoggerFactory();

    public ILogger CreateLogger(string categoryName) =>
        ReferenceEquals(factory, NullLoggerFactory.Instance) ? NullLogger.Instance : factory.CreateLogger(categoryName);

    // The SDK (and its logger factory) is owned by the service provider, which disposes it after this.
    public void Dispose()
    {
    }
}
