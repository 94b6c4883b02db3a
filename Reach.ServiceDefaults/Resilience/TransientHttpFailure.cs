using System.Net;
using Polly;
using Polly.Timeout;

namespace Reach.ServiceDefaults.Resilience;

/// <summary>Which HTTP outcomes the standard pipeline retries and counts as failures.</summary>
public static class TransientHttpFailure
{
    /// <summary>
    /// A 5xx, 408 or 429 response, an <see cref="HttpRequestException"/>, or an attempt that timed out
    /// (<see cref="TimeoutRejectedException"/>). Cancellation by the caller is not transient.
    /// </summary>
    /// <param name="outcome">The attempt's outcome.</param>
    /// <returns><see langword="true"/> when the outcome is transient.</returns>
    public static bool IsTransient(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Result: { } response } => IsTransient(response.StatusCode),
        { Exception: HttpRequestException or TimeoutRejectedException } => true,
        _ => false,
    };

    /// <summary>Whether a status code is transient: 5xx, 408 Request Timeout or 429 Too Many Requests.</summary>
    /// <param name="statusCode">The response's status code.</param>
    /// <returns><see langword="true"/> when the status is transient.</returns>
    public static bool IsTransient(HttpStatusCode statusCode) =>
        (int)statusCode >= 500 || statusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests;
}
