using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Routing;
using Reach.Crm.Infrastructure;
using Reach.Crm.Security;

namespace Reach.Crm.Extensions;

/// <summary>
/// Who may do what: bearer tokens (data-protection keys in PostgreSQL), role policies with a deny-by-default fallback,
/// problem details for 401/403/413/415, rate limits (<see cref="RateLimitingExtensions"/>), request body caps, and CORS
/// (closed unless <c>Reach:Cors:Origins</c> is configured).
/// </summary>
public static class SecurityServiceExtensions
{
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

        services.AddSingleton<IAuthorizationMiddlewareResultHandler, ProblemAuthorizationResultHandler>();

        builder.AddCrmRateLimits();

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

}
