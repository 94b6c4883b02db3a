using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Authorization.Policy;

namespace Reach.Crm.Security;

/// <summary>
/// Answers refused requests with RFC 7807 problem details that say why: 401 (no token, or why the token was refused;
/// with <c>WWW-Authenticate: Bearer</c>) and 403 (the role needed and the caller's role).
/// </summary>
public sealed class ProblemAuthorizationResultHandler(IProblemDetailsService problems) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    /// <inheritdoc />
    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Challenged)
        {
            await context.ChallengeAsync();
            var failure = (await context.AuthenticateAsync()).Failure?.Message; // the handler's cached result for this request
            await WriteAsync(context, StatusCodes.Status401Unauthorized, "Sign-in required", failure is null
                ? "this endpoint needs a bearer token: POST /api/auth/token with { userName, password }, then send Authorization: Bearer <accessToken>"
                : $"the bearer token was refused: {failure}");
            return;
        }

        if (authorizeResult.Forbidden)
        {
            // Group and endpoint policies combine (all must pass): the role needed is the highest of their minimums.
            var needed = policy.Requirements.OfType<RolesAuthorizationRequirement>()
                .Select(r => r.AllowedRoles.OrderBy(ReachRoles.Rank).First()).OrderByDescending(ReachRoles.Rank).FirstOrDefault();
            var role = context.User.FindFirst(context.User.Identities.First().RoleClaimType)?.Value ?? "none";
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            await WriteAsync(context, StatusCodes.Status403Forbidden, "Not allowed for your role",
                needed is null ? $"your role ({role}) may not do this" : $"this needs the {needed} role or higher; you are {role}");
            return;
        }

        await _default.HandleAsync(next, context, policy, authorizeResult);
    }

    private async Task WriteAsync(HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        });
    }
}
