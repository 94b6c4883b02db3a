using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.Extensions.Hosting;

/// <summary>What every Reach service shares: telemetry, health, resilience, service discovery.</summary>
public static class Extensions
{
    /// <summary>
    /// Adds the shared service defaults: OpenTelemetry over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>
    /// is configured (<see cref="TelemetryExtensions.ConfigureOpenTelemetry{TBuilder}"/>), the <c>self</c>
    /// liveness check (<see cref="HealthCheckExtensions.AddDefaultHealthChecks{TBuilder}"/>), and for every
    /// HttpClient the standard resilience pipeline and configuration-based service discovery.
    /// </summary>
    /// <typeparam name="TBuilder">The host builder type.</typeparam>
    /// <param name="builder">The host builder.</param>
    /// <returns>The same builder.</returns>
    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);

        builder.ConfigureOpenTelemetry();
        builder.AddDefaultHealthChecks();
        builder.Services.AddServiceDiscovery();
        builder.Services.ConfigureHttpClientDefaults(static http =>
        {
            // Outermost first: each retry attempt resolves the address again.
            http.AddStandardResilienceHandler();
            http.AddServiceDiscovery();
        });

        return builder;
    }

    /// <summary>Maps <c>/health</c> (readiness: every check) and <c>/alive</c> (liveness: checks tagged <c>live</c>) in every environment.</summary>
    /// <param name="app">The web application.</param>
    /// <returns>The same application.</returns>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);

        app.MapDefaultHealthEndpoints();
        return app;
    }
}
