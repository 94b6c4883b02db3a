using System.Net;
using Reach.Channel.Receipts;

namespace Reach.Channel.Tests;

/// <summary>Backoff with full jitter, Retry-After, and which statuses are retried.</summary>
public sealed class ReceiptRetryPolicyTests
{
    private static readonly TimeSpan Base = TimeSpan.FromMilliseconds(200), Cap = TimeSpan.FromSeconds(10);

    [Theory]
    [InlineData(1, 200)]
    [InlineData(2, 400)]
    [InlineData(4, 1600)]
    [InlineData(7, 10_000)]
    [InlineData(40, 10_000)]
    public void The_backoff_is_full_jitter_under_a_capped_exponential(int attempt, double ceilingMs)
    {
        Assert.Equal(TimeSpan.Zero, ReceiptRetryPolicy.Backoff(attempt, Base, Cap, 0));
        Assert.Equal(ceilingMs / 2, ReceiptRetryPolicy.Backoff(attempt, Base, Cap, 0.5).TotalMilliseconds, 3);
        Assert.True(ReceiptRetryPolicy.Backoff(attempt, Base, Cap, 0.999999).TotalMilliseconds <= ceilingMs);
    }

    [Fact]
    public void A_longer_retry_after_wins()
    {
        Assert.Equal(TimeSpan.FromSeconds(30), ReceiptRetryPolicy.NextDelay(1, Base, Cap, TimeSpan.FromSeconds(30), 0.5));
        Assert.Equal(TimeSpan.FromMilliseconds(100), ReceiptRetryPolicy.NextDelay(1, Base, Cap, TimeSpan.FromMilliseconds(1), 0.5));

        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(3));
        Assert.Equal(TimeSpan.FromSeconds(3), ReceiptRetryPolicy.RetryAfter(response, DateTimeOffset.UtcNow));

        var now = DateTimeOffset.UtcNow;
        response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(now.AddSeconds(20));
        Assert.InRange(ReceiptRetryPolicy.RetryAfter(response, now)!.Value.TotalSeconds, 19, 21);
    }

    [Theory]
    [InlineData(500, true)]
    [InlineData(502, true)]
    [InlineData(503, true)]
    [InlineData(408, true)]
    [InlineData(429, true)]
    [InlineData(400, false)]
    [InlineData(401, false)]
    [InlineData(404, false)]
    [InlineData(409, false)]
    [InlineData(422, false)]
    public void Only_5xx_408_and_429_are_retried(int status, bool retried) =>
        Assert.Equal(retried, ReceiptRetryPolicy.IsRetryable((HttpStatusCode)status));
}
