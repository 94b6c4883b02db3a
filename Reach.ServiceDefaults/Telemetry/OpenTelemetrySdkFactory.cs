using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Reach.ServiceDefaults.Telemetry;

/// <summary>
/// Builds the process's <see cref="OpenTelemetrySdk"/>: traces, metrics and logs exported over OTLP
/// when an endpoint is configured, and an inert SDK (no providers, nothing listened to) otherwise.
/// </summary>
/// <remarks>
/// The SDK lives in its own small service container, so it is given the application's configuration
/// (layered over the process environment) to read the standard knobs from:
/// <c>OTEL_RESOURCE_ATTRIBUTES</c>, <c>OTEL_BSP_SCHEDULE_DELAY</c>, <c>OTEL_BLRP_SCHEDULE_DELAY</c>,
/// <c>OTEL_METRIC_EXPORT_INTERVAL</c>, <c>OTEL_EXPORTER_OTLP_HEADERS</c>, <c>OTEL_EXPORTER_OTLP_TIMEOUT</c>.
/// </remarks>
public static class OpenTelemetrySdkFactory
{
    /// <summary>Creates the SDK for the given configuration.</summary>
    /// <param name="configuration">The application's configuration.</param>
    /// <param name="applicationName">The service name to use when <c>OTEL_SERVICE_NAME</c> is not set.</param>
    /// <returns>The SDK; dispose it to flush and stop the exporters.</returns>
    public static OpenTelemetrySdk Create(IConfiguration configuration, string applicationName)
    {
        ArgumentNullException.ThrowIfNull(configuration);

        var settings = OtlpSettings.FromConfiguration(configuration, applicationName);
        if (settings.Endpoint is not { } endpoint)
        {
            return OpenTelemetrySdk.Create(static _ => { });
        }

        // Later sources win: the application's configuration overrides the raw environment.
        var sdkConfiguration = new ConfigurationBuilder()
            .AddEnvironmentVariables()
            .AddConfiguration(configuration, shouldDisposeConfiguration: false)
            .Build();

        return OpenTelemetrySdk.Create(otel =>
        {
            otel.Services.AddSingleton<IConfiguration>(sdkConfiguration);

            // The application's logging pipeline filters; this inner factory passes everything on.
            otel.Services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace));

            otel.ConfigureResource(resource => resource
                .Clear()
                .AddService(settings.ServiceName, autoGenerateServiceInstanceId: true)
                .AddTelemetrySdk()
                // OTEL_RESOURCE_ATTRIBUTES (e.g. service.instance.id) and OTEL_SERVICE_NAME, which win.
                .AddEnvironmentVariableDetector())
                .WithTracing(tracing => tracing
                    .AddSource([.. TelemetryNames.ActivitySources])
                    .AddProcessor(new UnnamedServerSpanFilter()))
                .WithMetrics(metrics => metrics.AddMeter([.. TelemetryNames.Meters]))
                .WithLogging(
                    static _ => { },
                    static options =>
                    {
                        options.IncludeFormattedMessage = true;
                        options.IncludeScopes = true;
                    })
                .UseOtlpExporter(settings.Protocol, endpoint);
        });
    }
}
