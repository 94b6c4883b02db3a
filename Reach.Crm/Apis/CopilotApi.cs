using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Reach.Crm.Copilot;
using Reach.Crm.Extensions;
using Reach.Crm.Security;

namespace Reach.Crm.Apis;

/// <summary>
/// <c>/api/copilot</c>: chat turns (<c>{ conversation_id?, message }</c>) and conversations to resume. Any signed-in user
/// may chat (rate limited per user); the copilot acts with the user's rights but never more than <c>marketer</c>, so a
/// viewer's chat sizes audiences but can't save or stage. A user sees their own conversations; approvers and admins all.
/// </summary>
public static class CopilotApi
{
    /// <summary>Maps the copilot endpoints.</summary>
    public static RouteGroupBuilder MapCopilotApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/copilot").WithTags("Copilot").RequireAuthorization(ReachRoles.Viewer)
            .WithMetadata(new BodySizeLimit(CopilotService.MaxRequestBytes));
        group.MapPost("/chat", Chat).RequireRateLimiting(RateLimitingExtensions.CopilotRateLimit);
        group.MapGet("/conversations", List);
        group.MapGet("/conversations/{id:long}", Get);
        return group;
    }

    /// <summary><c>POST /api/copilot/chat</c> → the reply, the tool calls (name, arguments, result) and the staged campaign if any.</summary>
    public static async Task<Results<Ok<CopilotReply>, NotFound, ProblemHttpResult>> Chat(HttpRequest request, CopilotService copilot, ClaimsPrincipal user, CancellationToken ct)
    {
        var (doc, problem) = await JsonBody.ReadAsync(request, ct, CopilotService.MaxRequestBytes);
        if (problem is not null)
        {
            return problem;
        }

        using (doc)
        {
            var root = doc!.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return TypedResults.Problem("expected { conversation_id?, message }", statusCode: 400, title: "Invalid chat request");
            }

            long? conversationId = null;
            foreach (var name in new[] { "conversation_id", "conversationId" })
            {
                if (root.TryGetProperty(name, out var c) && c.ValueKind != JsonValueKind.Null)
                {
                    if (c.ValueKind != JsonValueKind.Number || !c.TryGetInt64(out var id))
                    {
                        return TypedResults.Problem($"{name} must be a number", statusCode: 400, title: "Invalid chat request");
                    }

                    conversationId = id;
                }
            }

            var message = root.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
            try
            {
                var reply = await copilot.ChatAsync(conversationId, message, user.UserName(), user.Role(), ct);
                return reply is null ? TypedResults.NotFound() : TypedResults.Ok(reply);
            }
            catch (ArgumentException e)
            {
                return TypedResults.Problem(e.Message, statusCode: 400, title: "Invalid chat request");
            }
        }
    }

    /// <summary><c>GET /api/copilot/conversations</c>: newest first.</summary>
    public static async Task<Ok<IReadOnlyList<ConversationSummary>>> List(CopilotService copilot, ClaimsPrincipal user, int? limit, CancellationToken ct) =>
        TypedResults.Ok(await copilot.ListAsync(SeesAll(user) ? null : user.UserName(), Math.Clamp(limit ?? 50, 1, 200), ct));

    /// <summary><c>GET /api/copilot/conversations/{id}</c>: every stored step, to resume.</summary>
    public static async Task<Results<Ok<ConversationResponse>, NotFound>> Get(long id, CopilotService copilot, ClaimsPrincipal user, CancellationToken ct) =>
        await copilot.GetAsync(id, ct) is { } c && (SeesAll(user) || c.CreatedBy == user.UserName()) ? TypedResults.Ok(c) : TypedResults.NotFound();

    /// <summary>Approvers and admins see every conversation; others their own.</summary>
    private static bool SeesAll(ClaimsPrincipal user) => ReachRoles.AtLeast(user.Role(), ReachRoles.Approver);
}
