namespace Reach.Crm.Copilot.OpenAi;

/// <summary>How one attempt of a model call failed, and whether another attempt may help.</summary>
/// <param name="Kind">The kind reported if this is the last attempt.</param>
/// <param name="Status">The HTTP status, when the endpoint answered.</param>
/// <param name="Retryable">429, timeouts, network errors and 5xx are.</param>
/// <param name="RetryAfter">The wait the endpoint asked for (<c>Retry-After</c>, <c>retry-after-ms</c>).</param>
/// <param name="Exception">The underlying failure.</param>
internal sealed record AttemptFailure(LlmErrorKind Kind, int? Status, bool Retryable, TimeSpan? RetryAfter, Exception? Exception);
