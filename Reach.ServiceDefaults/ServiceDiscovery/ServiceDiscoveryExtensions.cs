using Microsoft.Extensions.DependencyInjection.Extensions;
using Reach.ServiceDefaults.ServiceDiscovery;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers configuration-based service discovery (a stand-in for Microsoft.Extensions.ServiceDiscovery).</summary>
public static class ServiceDiscoveryExtensions
{
    /// <summary>Registers <see cref="ServiceEndpointResolver"/> as a singleton over the application's configuration.</summary>
    /// <param name="services">The service collection.</param>
    /// <returns>The same collection.</returns>
    public static IServiceCollection AddServiceDiscovery(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<ServiceEndpointResolver>();
        return services;
    }

    /// <summary>
    /// Resolves this client's logical addresses (<c>http://crm</c>, <c>https+http://channel</c>, also via
    /// <see cref="HttpClient.BaseAddress"/>) from configuration. Adding it twice adds one handler.
    /// </summary>
    /// <param name="builder">The HttpClient builder.</param>
    /// <returns>The same builder.</returns>
    public static IHttpClientBuilder AddServiceDiscovery(this IHttpClientBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);

        builder.Services.AddServiceDiscovery();
        builder.ConfigureAdditionalHttpMessageHandlers(static (handlers, services) =>
        {
            if (!handlers.Any(static handler => handler is ServiceDiscoveryHandler))
            {
                handlers.Add(new ServiceDiscoveryHandler(services.GetRequiredService<ServiceEndpointResolver>()));
            }
        });
        return builder;
    }
}
