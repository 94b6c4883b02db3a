using System.Net;
using Reach.ServiceDefaults.Resilience;

namespace Reach.Channel.Receipts;

/// <summary>
/// When a receipt batch is retried (ARCHITECTURE §7): on a network error, 5xx, 408 or 429, after an exponential backoff
/// with full jitter (a uniform delay in [0, min(cap, base × 2^(attempt−1))]), or after <c>Retry-After</c> when that is
/// longer; never on another 4xx.
/// </summary>
public static class ReceiptRetryPolicy
{
    /// <summary>Whether a response status is worth retrying: 5xx, 408 Request Timeout, 429 Too Many Requests.</summary>
    public static bool IsRetryable(HttpStatusCode status) => TransientHttpFailure.IsTransient(status);

    /// <summary>The full-jitter backoff before attempt <paramref name="attempt"/> + 1.</summary>
    /// <param name="attempt">Attempts made so far (≥ 1).</param>
    /// <param name="baseDelay">Base delay (200 ms × time scale by default).</param>
    /// <param name="maxDelay">Cap of the exponential (10 s × time scale by default).</param>
    /// <param name="random">A uniform draw in [0, 1).</param>
    public static TimeSpan Backoff(int attempt, TimeSpan baseDelay, TimeSpan maxDelay, double random)
    {
        var exponent = Math.Clamp(attempt - 1, 0, 30);
        var ceiling = Math.Min(maxDelay.TotalMilliseconds, baseDelay.TotalMilliseconds * Math.Pow(2, exponent));
        return TimeSpan.FromMilliseconds(Math.Max(0, ceiling) * random);
    }

    /// <summary>The delay before the next attempt: the backoff, or the server's <c>Retry-After</c> when longer.</summary>
    public static TimeSpan NextDelay(int attempt, TimeSpan baseDelay, TimeSpan maxDelay, TimeSpan? retryAfter, double random)
    {
        var backoff = Backoff(attempt, baseDelay, maxDelay, random);
        return retryAfter is { } server && server > backoff ? server : backoff;
    }

    /// <summary>The <c>Retry-After</c> of a response as a delay from <paramref name="now"/> (seconds or an HTTP date), or null.</summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage response, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(response);
        var header = response.Headers.RetryAfter;
        var delay = header?.Delta ?? (header?.Date is { } date ? date - now : null);
        return delay is { } value && value > TimeSpan.Zero ? value : null;
    }
}
