using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace Reach.ServiceDefaults.Resilience;

/// <summary>
/// Builds the standard pipeline, outermost first: total request timeout, retry (exponential backoff
/// with jitter, honouring <c>Retry-After</c>), circuit breaker, attempt timeout.
/// </summary>
public static class StandardResiliencePipelineFactory
{
    /// <summary>Builds a pipeline from the options.</summary>
    /// <param name="options">The settings.</param>
    /// <param name="timeProvider">The clock (the system clock by default).</param>
    /// <returns>The pipeline; share it between requests of one client so the circuit breaker sees them all.</returns>
    public static ResiliencePipeline<HttpResponseMessage> Create(StandardResilienceOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var clock = timeProvider ?? TimeProvider.System;

        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = clock };

        builder.AddTimeout(new TimeoutStrategyOptions
        {
            Name = "Standard-TotalRequestTimeout",
            Timeout = options.TotalRequestTimeout,
        });

        if (options.MaxRetryAttempts > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                Name = "Standard-Retry",
                MaxRetryAttempts = options.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = options.UseJitter,
                Delay = options.RetryDelay,
                ShouldHandle = static args => new ValueTask<bool>(TransientHttpFailure.IsTransient(args.Outcome)),
                DelayGenerator = options.ShouldRetryAfterHeader
                    ? args => new ValueTask<TimeSpan?>(RetryAfter(args.Outcome.Result, clock))
                    : null,
            });
        }

        builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
        {
            Name = "Standard-CircuitBreaker",
            FailureRatio = options.CircuitBreakerFailureRatio,
            MinimumThroughput = options.CircuitBreakerMinimumThroughput,
            SamplingDuration = options.CircuitBreakerSamplingDuration,
            BreakDuration = options.CircuitBreakerBreakDuration,
            ShouldHandle = static args => new ValueTask<bool>(TransientHttpFailure.IsTransient(args.Outcome)),
        });

        builder.AddTimeout(new TimeoutStrategyOptions
        {
            Name = "Standard-AttemptTimeout",
            Timeout = options.AttemptTimeout,
        });

        return builder.Build();
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage? response, TimeProvider clock)
    {
        var retryAfter = response?.Headers.RetryAfter;
        if (retryAfter is null)
        {
            return null;
        }

        var delay = retryAfter.Delta ?? (retryAfter.Date is { } date ? date - clock.GetUtcNow() : null);
        return delay is { } value && value > TimeSpan.Zero ? value : null;
    }
}
