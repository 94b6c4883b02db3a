using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Reach.ServiceDefaults.Health;

namespace Microsoft.Extensions.Hosting;

/// <summary>Registers and maps the default health checks.</summary>
public static class HealthCheckExtensions
{
    /// <summary>
    /// Adds health checks with a <c>self</c> liveness check tagged <c>live</c>. Services add their own
    /// readiness checks with <c>builder.Services.AddHealthChecks().AddCheck(…)</c>.
    /// </summary>
    /// <typeparam name="TBuilder">The host builder type.</typeparam>
    /// <param name="builder">The host builder.</param>
    /// <returns>The same builder.</returns>
    public static TBuilder AddDefaultHealthChecks<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);

        var alreadyAdded = builder.Services.Any(static d => d.ServiceType == typeof(SelfHealthCheckMarker));
        if (!alreadyAdded)
        {
            builder.Services.AddSingleton<SelfHealthCheckMarker>();
            builder.Services.AddHealthChecks()
                .AddCheck(HealthEndpoints.SelfCheckName, static () => HealthCheckResult.Healthy(), [HealthEndpoints.LiveTag]);
        }

        return builder;
    }

    /// <summary>
    /// Maps <c>/health</c> (every check: readiness) and <c>/alive</c> (checks tagged <c>live</c>: liveness),
    /// in every environment and without authorization, since the AppHost polls them.
    /// </summary>
    /// <param name="endpoints">The application's endpoint route builder.</param>
    /// <returns>The same builder.</returns>
    public static IEndpointRouteBuilder MapDefaultHealthEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);

        endpoints.MapHealthChecks(HealthEndpoints.HealthPath).AllowAnonymous();
        endpoints.MapHealthChecks(HealthEndpoints.AlivePath, new HealthCheckOptions
        {
            Predicate = static registration => registration.Tags.Contains(HealthEndpoints.LiveTag),
        }).AllowAnonymous();

        return endpoints;
    }

    /// <summary>Marks that the default checks were registered, so a second call adds nothing.</summary>
    private sealed class SelfHealthCheckMarker;
}
