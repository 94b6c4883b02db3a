using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using Reach.Crm.Security;

namespace Reach.Crm.Extensions;

/// <summary>
/// ASP.NET Core rate limiter policies: <see cref="SignInRateLimit"/> per client IP (the per-user-name limit is
/// <see cref="SignInThrottle"/>) and <see cref="CopilotRateLimit"/> per user; rejections are 429 problem details with
/// <c>Retry-After</c>. Limits come from <see cref="AuthOptions"/>.
/// </summary>
public static class RateLimitingExtensions
{
    /// <summary>Rate limiter policy: sign-in attempts per client IP.</summary>
    public const string SignInRateLimit = "sign-in";

    /// <summary>Rate limiter policy: copilot turns per user.</summary>
    public const string CopilotRateLimit = "copilot";

    /// <summary>Registers the policies.</summary>
    public static IHostApplicationBuilder AddCrmRateLimits(this IHostApplicationBuilder builder)
    {
        builder.Services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = (context, ct) => TooManyRequestsAsync(context.HttpContext,
                context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retry) ? retry : TimeSpan.FromMinutes(1));
            o.AddPolicy(SignInRateLimit, http => RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = Math.Max(1, Auth(http).SignInPerIpPerMinute), Window = TimeSpan.FromMinutes(1), QueueLimit = 0,
                }));
            o.AddPolicy(CopilotRateLimit, http => RateLimitPartition.GetTokenBucketLimiter(
                http.User.Identity?.Name ?? "anonymous",
                _ =>
                {
                    var perMinute = Math.Max(1, Auth(http).CopilotPerUserPerMinute);
                    return new TokenBucketRateLimiterOptions
                    {
                        TokenLimit = perMinute, TokensPerPeriod = perMinute, ReplenishmentPeriod = TimeSpan.FromMinutes(1), QueueLimit = 0,
                    };
                }));
        });

        return builder;
    }

    /// <summary>Writes a 429 problem with <c>Retry-After</c> (whole seconds).</summary>
    private static async ValueTask TooManyRequestsAsync(HttpContext http, TimeSpan retryAfter)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = { Status = StatusCodes.Status429TooManyRequests, Title = "Too many requests", Detail = $"slow down; try again in {seconds} s" },
        });
    }

    private static AuthOptions Auth(HttpContext http) => http.RequestServices.GetRequiredService<IOptions<AuthOptions>>().Value;
}
