using Microsoft.AspNetCore.Http.HttpResults;
using Reach.Crm.Auditing;
using Reach.Crm.Security;

namespace Reach.Crm.Apis;

/// <summary><c>GET /api/audit</c> (approver and admin): who changed which segment, campaign or user, and when.</summary>
public static class AuditApi
{
    /// <summary>Maps the audit endpoint.</summary>
    public static RouteGroupBuilder MapAuditApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/audit").WithTags("Audit").RequireAuthorization(ReachRoles.Approver);
        group.MapGet("/", Query);
        return group;
    }

    /// <summary>
    /// <c>GET /api/audit?entityType=&amp;entityId=&amp;actor=&amp;since=&amp;limit=&amp;before=</c> →
    /// <c>{ items: [{ id, occurredAt, actor, action, entityType, entityId, before, after }], nextBefore }</c>, newest first;
    /// <c>limit</c> 1–500 (default 50); <c>before</c> is the previous page's <c>nextBefore</c>.
    /// </summary>
    public static async Task<Results<Ok<AuditPage>, ProblemHttpResult>> Query(
        AuditLogService audit, string? entityType, long? entityId, string? actor, DateTimeOffset? since, int? limit, long? before, CancellationToken ct)
    {
        if (entityType is not (null or "campaign" or "segment" or "user"))
        {
            return TypedResults.Problem($"entityType '{entityType}' is not known; allowed: campaign, segment, user", statusCode: 400, title: "Invalid filter");
        }

        if (actor?.Length > 200)
        {
            return TypedResults.Problem("actor is longer than 200 characters", statusCode: 400, title: "Invalid filter");
        }

        return TypedResults.Ok(await audit.QueryAsync(entityType, entityId, actor, since, before, Math.Clamp(limit ?? 50, 1, AuditLogService.MaxLimit), ct));
    }
}
