using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Reach.Crm.Security;

/// <summary>
/// Sign-in attempts per user name (a fixed one-minute window of <see cref="AuthOptions.SignInPerUserPerMinute"/>),
/// so guessing one account's password is slow from any number of addresses. The per-IP limit is the ASP.NET Core
/// rate limiter's <c>sign-in</c> policy.
/// </summary>
public sealed class SignInThrottle(IOptions<AuthOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(name =>
        RateLimitPartition.GetFixedWindowLimiter(name, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, options.Value.SignInPerUserPerMinute), Window = TimeSpan.FromMinutes(1), QueueLimit = 0,
        }));

    /// <summary>Takes one attempt for <paramref name="userName"/>; null when allowed, else the time to wait.</summary>
    public TimeSpan? TryAttempt(string userName)
    {
        using var lease = _limiter.AttemptAcquire(userName);
        return lease.IsAcquired ? null
            : lease.TryGetMetadata(MetadataName.RetryAfter, out var retry) ? retry : TimeSpan.FromMinutes(1);
    }

    /// <inheritdoc />
    public void Dispose() => _limiter.Dispose();
}
