namespace Reach.ServiceDefaults.Resilience;

/// <summary>
/// Settings of the standard resilience pipeline, defaulting to those of
/// Microsoft.Extensions.Http.Resilience's standard handler. Options are named after the HttpClient
/// (configure one client with <c>AddStandardResilienceHandler(o => …)</c> or
/// <c>services.Configure&lt;StandardResilienceOptions&gt;("name", …)</c>, every client with
/// <c>services.ConfigureAll&lt;StandardResilienceOptions&gt;(…)</c>); they are read once, when the
/// client's pipeline is first used.
/// </summary>
public sealed class StandardResilienceOptions
{
    /// <summary>Time allowed for the whole request, retries included (default 30 s).</summary>
    public TimeSpan TotalRequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Time allowed for each attempt (default 10 s).</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Retries after the first attempt (default 3); 0 disables retrying.</summary>
    public int MaxRetryAttempts { get; set; } = 3;

    /// <summary>Base delay of the exponential backoff (default 2 s).</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Whether the backoff is jittered (default <see langword="true"/>).</summary>
    public bool UseJitter { get; set; } = true;

    /// <summary>Whether a response's <c>Retry-After</c> header sets the delay before the next attempt (default <see langword="true"/>).</summary>
    public bool ShouldRetryAfterHeader { get; set; } = true;

    /// <summary>Failure ratio within the sampling window that opens the circuit (default 0.1).</summary>
    public double CircuitBreakerFailureRatio { get; set; } = 0.1;

    /// <summary>Requests within the sampling window before the circuit may open (default 100).</summary>
    public int CircuitBreakerMinimumThroughput { get; set; } = 100;

    /// <summary>Sampling window of the circuit breaker (default 30 s).</summary>
    public TimeSpan CircuitBreakerSamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long the circuit stays open (default 5 s).</summary>
    public TimeSpan CircuitBreakerBreakDuration { get; set; } = TimeSpan.FromSeconds(5);
}
