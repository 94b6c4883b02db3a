using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using Reach.ServiceDefaults.Telemetry;

namespace Microsoft.Extensions.Hosting;

/// <summary>Registers OpenTelemetry without OpenTelemetry.Extensions.Hosting.</summary>
public static class TelemetryExtensions
{
    /// <summary>
    /// Exports traces, metrics and logs over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is configured:
    /// registers the <see cref="OpenTelemetrySdk"/> as a singleton (created when the host starts,
    /// flushed when it stops, disposed with the service provider), forwards the application's logs
    /// to it, and names and tags ASP.NET Core's server spans.
    /// </summary>
    /// <typeparam name="TBuilder">The host builder type.</typeparam>
    /// <param name="builder">The host builder.</param>
    /// <returns>The same builder.</returns>
    /// <remarks>
    /// Whether to export is decided when the SDK is created (as the host is built), so configuration
    /// added after this call (for example by <c>WebApplicationFactory</c>) is honoured. Without an endpoint
    /// the SDK is inert. The resolved <see cref="OpenTelemetrySdk"/> can be taken from the services
    /// to force a flush (<c>sdk.TracerProvider.ForceFlush()</c>).
    /// </remarks>
    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);

        var services = builder.Services;
        services.TryAddSingleton(static sp => OpenTelemetrySdkFactory.Create(
            sp.GetRequiredService<IConfiguration>(),
            sp.GetRequiredService<IHostEnvironment>().ApplicationName));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, OpenTelemetryLifetimeService>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ILoggerProvider, OpenTelemetryLoggerProviderBridge>());
        services.TryAddEnumerable(ServiceDescriptor.Transient<IStartupFilter, HttpServerActivityStartupFilter>());

        return builder;
    }
}
