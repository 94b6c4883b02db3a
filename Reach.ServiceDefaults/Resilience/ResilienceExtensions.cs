using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http;
using Reach.ServiceDefaults.Resilience;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds the standard resilience pipeline to HttpClients (a stand-in for Microsoft.Extensions.Http.Resilience).</summary>
public static class ResilienceExtensions
{
    /// <summary>
    /// Sends this client's requests through the standard pipeline: 30 s total timeout, 3 retries
    /// (exponential backoff from 2 s with jitter, honouring <c>Retry-After</c>) on 5xx, 408, 429,
    /// <see cref="HttpRequestException"/> and attempt timeouts, a circuit breaker (ratio 0.1,
    /// throughput 100, sampling 30 s, break 5 s) and a 10 s attempt timeout. Request content is
    /// buffered so it can be re-sent. Adding it twice adds one handler; the last configuration applies.
    /// </summary>
    /// <param name="builder">The HttpClient builder.</param>
    /// <param name="configure">Optional changes to this client's <see cref="StandardResilienceOptions"/>.</param>
    /// <returns>The same builder.</returns>
    public static IHttpClientBuilder AddStandardResilienceHandler(this IHttpClientBuilder builder, Action<StandardResilienceOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);

        builder.Services.AddOptions();
        builder.Services.TryAddSingleton<StandardResiliencePipelineProvider>();
        if (configure is not null)
        {
            builder.Services.Configure(builder.Name, configure);
        }

        // Through the handler builder, which knows the client's name even when this runs for
        // ConfigureHttpClientDefaults (whose builder has none): one pipeline per client name.
        builder.Services.Configure<HttpClientFactoryOptions>(builder.Name, static options =>
            options.HttpMessageHandlerBuilderActions.Add(static handlerBuilder =>
            {
                if (!handlerBuilder.AdditionalHandlers.Any(static handler => handler is StandardResilienceHandler))
                {
                    var pipeline = handlerBuilder.Services.GetRequiredService<StandardResiliencePipelineProvider>()
                        .GetPipeline(handlerBuilder.Name ?? Options.Options.DefaultName);
                    handlerBuilder.AdditionalHandlers.Add(new StandardResilienceHandler(pipeline));
                }
            }));
        return builder;
    }
}
