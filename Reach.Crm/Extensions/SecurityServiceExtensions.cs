using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Reach.Crm.Infrastructure;
using Reach.Crm.Security;

namespace Reach.Crm.Extensions;

/// <summary>
/// Who may do what: bearer tokens (data-protection keys in PostgreSQL), role policies with a deny-by-default fallback,
/// problem details for 401/403/413/415/429, rate limits on sign-in and the copilot, request body caps, and CORS
/// (closed unless <c>Reach:Cors:Origins</c> is configured).
/// </summary>
public static class SecurityServiceExtensions
{
    /// <summary>Rate limiter policy: sign-in attempts per client IP.</summary>
    public const string SignInRateLimit = "sign-in";

    /// <summary>Rate limiter policy: copilot turns per user.</summary>
    public const string CopilotRateLimit = "copilot";

    private const string CorsOrigins = "Reach:Cors:Origins";

    /// <summary>Registers authentication, authorization, rate limiting, CORS and error shaping for the CRM's API.</summary>
    public static IHostApplicationBuilder AddCrmSecurity(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.Configure<AuthOptions>(builder.Configuration.GetSection(AuthOptions.Section));
        services.AddMemoryCache();
        services.AddSingleton<TokenIssuer>();
        services.AddSingleton<TokenValidator>();
        services.AddSingleton<SignInThrottle>();
        services.AddHostedService<ConfiguredUsers>();

        services.AddDataProtection().SetApplicationName("reach-crm").PersistKeysToDbContext<ReachDbContext>();
        services.AddAuthentication(BearerTokenDefaults.AuthenticationScheme)
            .AddBearerToken(o => o.Events.OnMessageReceived = context =>
                context.HttpContext.RequestServices.GetRequiredService<TokenValidator>().ValidateAsync(context));

        var authorization = services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        foreach (var role in ReachRoles.All)
        {
            authorization.AddPolicy(role, p => p.RequireAuthenticatedUser().RequireRole(ReachRoles.AtOrAbove(role)));
        }

        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, ProblemAuthorizationResultHandler>();

        services.AddRateLimiter(o =>
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

        if (builder.Configuration.GetSection(CorsOrigins).Get<string[]>() is { Length: > 0 } origins)
        {
            services.AddCors(o => o.AddDefaultPolicy(p => p.WithOrigins(origins).AllowAnyHeader().AllowAnyMethod()));
        }

        // Malformed requests (bad JSON, wrong content type, a body over the cap) surface as BadHttpRequestException:
        // answer with its status and say what was wrong instead of a bare 400/415/413.
        services.PostConfigure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true); // after the framework's "only in Development"
        services.AddExceptionHandler<BadRequestExceptionHandler>();
        services.Configure<ExceptionHandlerOptions>(o => o.SuppressDiagnosticsCallback = c => c.Exception is BadHttpRequestException);
        services.Configure<ProblemDetailsOptions>(o => o.CustomizeProblemDetails = ProblemReasons.Fill);
        return builder;
    }

    /// <summary>
    /// The security middleware, in order: body caps, CORS (when configured), authentication, authorization, rate limits.
    /// </summary>
    public static WebApplication UseCrmSecurity(this WebApplication app)
    {
        app.UseMiddleware<RequestBodyLimitMiddleware>();
        if (app.Configuration.GetSection(CorsOrigins).Get<string[]>() is { Length: > 0 })
        {
            app.UseCors();
        }

        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        return app;
    }

    /// <summary>Writes a 429 problem with <c>Retry-After</c> (whole seconds).</summary>
    public static async ValueTask TooManyRequestsAsync(HttpContext http, TimeSpan retryAfter)
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
