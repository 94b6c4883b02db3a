using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Reach.Channel.Receipts;
using Reach.Channel.Simulation;
using Reach.Channel.Telemetry;
using Reach.ServiceDefaults.Resilience;
using Reach.ServiceDefaults.Webhooks;

namespace Reach.Channel.Extensions;

/// <summary>Registers the channel simulator's services.</summary>
public static class ApplicationServiceExtensions
{
    /// <summary>
    /// Options (section <c>Reach:Channel</c>, validated at start; the signing secret defaults to
    /// <see cref="ChannelOptions.DevelopmentSigningSecret"/> in Development only), snake_case JSON, the simulator, its
    /// loop, the receipt sender and its HttpClient (<see cref="ReceiptSender.HttpClientName"/>: the shared resilience
    /// pipeline with retries off, since the sender retries on its own terms; redirects not followed).
    /// </summary>
    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;

        services.AddOptions<ChannelOptions>()
            .Bind(builder.Configuration.GetSection(ChannelOptions.Section))
            .PostConfigure<IHostEnvironment>(static (options, environment) =>
            {
                if (string.IsNullOrWhiteSpace(options.SigningSecret) && environment.IsDevelopment())
                {
                    options.SigningSecret = ChannelOptions.DevelopmentSigningSecret;
                }
            })
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<ChannelOptions>, ChannelOptionsValidator>();

        services.TryAddSingleton(TimeProvider.System);
        services.AddProblemDetails();
        services.ConfigureHttpJsonOptions(static json =>
        {
            json.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            json.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
            json.SerializerOptions.TypeInfoResolverChain.Insert(0, ChannelJsonContext.Default);
        });

        services.AddSingleton<ChannelTelemetry>();
        services.AddSingleton(static sp =>
        {
            var secret = sp.GetRequiredService<IOptions<ChannelOptions>>().Value.SigningSecret!;
            if (secret == ChannelOptions.DevelopmentSigningSecret)
            {
                sp.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ApplicationServiceExtensions).Namespace!)
                    .LogWarning("Reach:Channel:SigningSecret is not set: using the development secret '{Secret}'. Set the same secret on the CRM and the channel outside development.", secret);
            }

            return new StandardWebhook(secret);
        });
        services.AddSingleton(static sp =>
        {
            var options = sp.GetRequiredService<IOptions<ChannelOptions>>().Value;
            return new LifecyclePlanner(options.Seed ?? Random.Shared.NextInt64(), options.Lifecycle);
        });
        services.AddSingleton<MessageSimulator>();
        services.AddSingleton<ReceiptSender>();
        services.AddHostedService<SimulationLoop>();

        services.AddHttpClient(ReceiptSender.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(static () => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            })
            .AddStandardResilienceHandler();
        services.AddOptions<StandardResilienceOptions>(ReceiptSender.HttpClientName)
            .Configure<IOptions<ChannelOptions>>(static (resilience, channel) =>
            {
                var attempt = TimeSpan.FromSeconds(channel.Value.Receipts.AttemptTimeoutSeconds);
                resilience.MaxRetryAttempts = 0;
                resilience.AttemptTimeout = attempt;
                resilience.TotalRequestTimeout = attempt + TimeSpan.FromSeconds(1);

                // The sender backs off itself; the breaker opens only when every call fails.
                resilience.CircuitBreakerFailureRatio = 1.0;
            });

        return builder;
    }
}
