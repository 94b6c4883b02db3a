using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Reach.Crm.Extensions;
using Reach.Crm.Security;

namespace Reach.Crm.Apis;

/// <summary>
/// <c>/api/auth</c>: sign in for a bearer token, who am I, sign out. Sign-in is rate limited per client IP and per
/// user name (429 with <c>Retry-After</c>).
/// </summary>
public static class AuthApi
{
    /// <summary>Maps the auth endpoints.</summary>
    public static RouteGroupBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/auth").WithTags("Auth");
        group.MapPost("/token", SignIn).AllowAnonymous().RequireRateLimiting(RateLimitingExtensions.SignInRateLimit);
        group.MapGet("/me", Me).RequireAuthorization(ReachRoles.Viewer);
        group.MapPost("/sign-out", SignOut).RequireAuthorization(ReachRoles.Viewer);
        return group;
    }

    /// <summary>
    /// <c>POST /api/auth/token</c> <c>{ userName, password }</c> → 200 <see cref="TokenResponse"/>; 401 for a wrong user
    /// name or password (indistinguishably); 429 when rate limited.
    /// </summary>
    public static async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> SignIn(
        SignInRequest request, UserService users, TokenIssuer tokens, SignInThrottle throttle, HttpContext http, ILoggerFactory logs, CancellationToken ct)
    {
        var logger = logs.CreateLogger("Reach.Crm.Security");
        var name = UserService.Normalise(request.UserName) ?? "(invalid)";
        if (throttle.TryAttempt(name) is { } wait)
        {
            var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
            logger.LogWarning("Sign-in for {UserName} throttled for {Seconds} s", name, seconds);
            http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return TypedResults.Problem($"too many sign-in attempts for this user name; try again in {seconds} s",
                statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests");
        }

        var user = await users.VerifyAsync(request.UserName, request.Password, ct);
        if (user is null)
        {
            logger.LogWarning("Failed sign-in for {UserName}", name);
            return TypedResults.Problem("the user name or password is wrong", statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in failed");
        }

        logger.LogInformation("{UserName} signed in as {Role}", user.UserName, user.Role);
        return TypedResults.Ok(tokens.Issue(user));
    }

    /// <summary><c>GET /api/auth/me</c> → <c>{ userName, role }</c> (the current role).</summary>
    public static Ok<MeResponse> Me(ClaimsPrincipal user) => TypedResults.Ok(new MeResponse(user.UserName(), user.Role()));

    /// <summary><c>POST /api/auth/sign-out</c> → 204; every token of this user stops working.</summary>
    public static async Task<NoContent> SignOut(ClaimsPrincipal user, UserService users, TokenValidator validator, CancellationToken ct)
    {
        await users.SignOutAsync(user.UserName(), ct);
        validator.Forget(user.UserName());
        return TypedResults.NoContent();
    }
}
