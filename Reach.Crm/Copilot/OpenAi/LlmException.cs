namespace Reach.Crm.Copilot.OpenAi;

/// <summary>
/// A model call that failed for a reason a person can act on; <see cref="Exception.Message"/> says what happened
/// and what to change. Cancellation by the caller is never wrapped: it surfaces as <see cref="OperationCanceledException"/>.
/// </summary>
/// <param name="kind">Why the call failed.</param>
/// <param name="message">What happened and what to do, for the marketer's screen and the log.</param>
/// <param name="statusCode">The HTTP status the endpoint answered with, when it answered.</param>
/// <param name="innerException">The underlying failure.</param>
public sealed class LlmException(LlmErrorKind kind, string message, int? statusCode = null, Exception? innerException = null)
    : Exception(message, innerException)
{
    /// <summary>Why the call failed.</summary>
    public LlmErrorKind Kind { get; } = kind;

    /// <summary>The HTTP status of the last attempt, when the endpoint answered (e.g. 401, 429, 503).</summary>
    public int? StatusCode { get; } = statusCode;

    /// <summary>How many attempts were made before giving up (1 when the failure was not retried).</summary>
    public int Attempts { get; init; } = 1;
}
