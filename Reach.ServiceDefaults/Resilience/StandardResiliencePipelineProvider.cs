using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Polly;

namespace Reach.ServiceDefaults.Resilience;

/// <summary>
/// Holds one standard pipeline per HttpClient name for the application's lifetime, so the circuit
/// breaker's state outlives the factory's handler rotation.
/// </summary>
/// <param name="options">Options named after each HttpClient.</param>
/// <param name="services">Where an optional <see cref="TimeProvider"/> is found.</param>
internal sealed class StandardResiliencePipelineProvider(IOptionsMonitor<StandardResilienceOptions> options, IServiceProvider services)
{
    private readonly ConcurrentDictionary<string, Lazy<ResiliencePipeline<HttpResponseMessage>>> pipelines = new(StringComparer.Ordinal);

    public ResiliencePipeline<HttpResponseMessage> GetPipeline(string clientName) =>
        pipelines.GetOrAdd(
            clientName,
            name => new Lazy<ResiliencePipeline<HttpResponseMessage>>(() =>
                StandardResiliencePipelineFactory.Create(options.Get(name), services.GetService<TimeProvider>())))
        .Value;
}
