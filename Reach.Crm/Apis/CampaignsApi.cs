using Microsoft.AspNetCore.Http.HttpResults;
using Reach.Crm.Campaigns;
using Reach.Crm.Campaigns.Funnel;
using Reach.Crm.Security;

namespace Reach.Crm.Apis;

/// <summary>
/// <c>/api/campaigns</c>: drafts (create, edit), list, read, approve &amp; launch, cancel, per-recipient messages, the
/// rendered preview, and the funnel (JSON and a Server-Sent Events stream). Reading needs <c>viewer</c>, drafts
/// <c>marketer</c>, launch and cancel <c>approver</c>; the acting user (recorded as creator, approver, in the audit log)
/// is the signed-in user.
/// </summary>
public static class CampaignsApi
{
    /// <summary>Maps the campaign endpoints.</summary>
    public static RouteGroupBuilder MapCampaignsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/campaigns").WithTags("Campaigns").RequireAuthorization(ReachRoles.Viewer);
        group.MapPost("/", Create).RequireAuthorization(ReachRoles.Marketer);
        group.MapGet("/", List);
        group.MapGet("/{id:long}", Get);
        group.MapPut("/{id:long}", Edit).RequireAuthorization(ReachRoles.Marketer);
        group.MapPost("/{id:long}/launch", Launch).RequireAuthorization(ReachRoles.Approver);
        group.MapPost("/{id:long}/cancel", Cancel).RequireAuthorization(ReachRoles.Approver);
        group.MapGet("/{id:long}/recipients", Recipients);
        group.MapGet("/{id:long}/preview", Preview);
        group.MapGet("/{id:long}/funnel", Funnel);
        group.MapGet("/{id:long}/funnel/stream", Stream);
        return group;
    }

    /// <summary><c>POST /api/campaigns</c>: a new draft → 201; 400 naming each invalid field.</summary>
    public static async Task<Results<Created<CampaignResponse>, ProblemHttpResult>> Create(CampaignDraftRequest request, CampaignService campaigns, HttpContext http, CancellationToken ct)
    {
        try
        {
            var created = await campaigns.CreateDraftAsync(request, http.User.UserName(), ct);
            return TypedResults.Created($"/api/campaigns/{created.Id}", created);
        }
        catch (CampaignValidationException e)
        {
            return Invalid(e);
        }
    }

    /// <summary><c>GET /api/campaigns?status=&amp;channel=&amp;limit=</c>: newest first.</summary>
    /// <remarks>400 for a status or channel that doesn't exist.</remarks>
    public static async Task<Results<Ok<IReadOnlyList<CampaignResponse>>, ProblemHttpResult>> List(CampaignService campaigns, string? status, string? channel, int? limit, CancellationToken ct)
    {
        if (status is not null && !CampaignStatus.All.Contains(status))
        {
            return TypedResults.Problem($"status '{status}' is not known; allowed: {string.Join(", ", CampaignStatus.All)}", statusCode: 400, title: "Invalid filter");
        }

        if (channel is not null && !Segmentation.ChannelSql.Channels.Contains(channel))
        {
            return TypedResults.Problem($"channel '{channel}' is not known; allowed: {string.Join(", ", Segmentation.ChannelSql.Channels)}", statusCode: 400, title: "Invalid filter");
        }

        return TypedResults.Ok(await campaigns.ListAsync(status, channel, Math.Clamp(limit ?? 100, 1, 500), ct));
    }

    /// <summary><c>GET /api/campaigns/{id}</c>.</summary>
    public static async Task<Results<Ok<CampaignResponse>, NotFound>> Get(long id, CampaignService campaigns, CancellationToken ct) =>
        await campaigns.GetAsync(id, ct) is { } c ? TypedResults.Ok(c) : TypedResults.NotFound();

    /// <summary><c>PUT /api/campaigns/{id}</c>: edit a draft; 409 once it left draft.</summary>
    public static async Task<Results<Ok<CampaignResponse>, NotFound, ProblemHttpResult>> Edit(long id, CampaignEditRequest request, CampaignService campaigns, HttpContext http, CancellationToken ct)
    {
        try
        {
            return await campaigns.EditDraftAsync(id, request, http.User.UserName(), ct) is { } c ? TypedResults.Ok(c) : TypedResults.NotFound();
        }
        catch (CampaignValidationException e)
        {
            return Invalid(e);
        }
        catch (CampaignStateException e)
        {
            return Conflict(e);
        }
    }

    /// <summary><c>POST /api/campaigns/{id}/launch</c>: approve &amp; launch a draft (atomic, idempotent) as the signed-in approver; 409 for a non-draft.</summary>
    public static async Task<Results<Ok<LaunchResponse>, NotFound, ProblemHttpResult>> Launch(long id, CampaignLauncher launcher, HttpContext http, CancellationToken ct)
    {
        try
        {
            return await launcher.LaunchAsync(id, http.User.UserName(), ct) is { } launched ? TypedResults.Ok(launched) : TypedResults.NotFound();
        }
        catch (CampaignStateException e)
        {
            return Conflict(e);
        }
    }

    /// <summary><c>POST /api/campaigns/{id}/cancel</c>.</summary>
    public static async Task<Results<Ok<CampaignResponse>, NotFound, ProblemHttpResult>> Cancel(long id, CampaignService campaigns, HttpContext http, CancellationToken ct)
    {
        try
        {
            return await campaigns.CancelAsync(id, http.User.UserName(), ct) is { } c ? TypedResults.Ok(c) : TypedResults.NotFound();
        }
        catch (CampaignStateException e)
        {
            return Conflict(e);
        }
    }

    /// <summary><c>GET /api/campaigns/{id}/recipients?stage=&amp;after=&amp;limit=</c>: keyset-paged messages with their status.</summary>
    public static async Task<Results<Ok<Page<RecipientResponse>>, ProblemHttpResult>> Recipients(long id, CampaignService campaigns, string? stage, long? after, int? limit, CancellationToken ct)
    {
        if (stage is not null && stage != "failed" && !CommunicationStage.Names.Contains(stage))
        {
            return TypedResults.Problem($"stage '{stage}' is not known; allowed: {string.Join(", ", CommunicationStage.Names)}, failed", statusCode: 400, title: "Invalid stage");
        }

        return TypedResults.Ok(await campaigns.RecipientsAsync(id, stage, after ?? 0, Math.Clamp(limit ?? 50, 1, 500), ct));
    }

    /// <summary><c>GET /api/campaigns/{id}/preview?count=5</c>: the body rendered for real recipients.</summary>
    public static async Task<Results<Ok<IReadOnlyList<MessagePreview>>, NotFound>> Preview(long id, CampaignService campaigns, int? count, CancellationToken ct) =>
        await campaigns.PreviewMessagesAsync(id, count ?? 5, ct) is { } p ? TypedResults.Ok(p) : TypedResults.NotFound();

    /// <summary><c>GET /api/campaigns/{id}/funnel</c>: counters, rates, revenue and the per-minute series.</summary>
    public static async Task<Results<Ok<FunnelSnapshot>, NotFound>> Funnel(long id, FunnelService funnels, CancellationToken ct) =>
        await funnels.SnapshotAsync(id, ct) is { } s ? TypedResults.Ok(s) : TypedResults.NotFound();

    /// <summary><c>GET /api/campaigns/{id}/funnel/stream</c>: Server-Sent Events, event <c>funnel</c>, data a <see cref="FunnelSnapshot"/>.</summary>
    public static ServerSentEventsResult<FunnelSnapshot> Stream(long id, FunnelService funnels, CancellationToken ct) =>
        TypedResults.ServerSentEvents(funnels.StreamAsync(id, ct), eventType: "funnel");

    private static ProblemHttpResult Invalid(CampaignValidationException e) =>
        TypedResults.Problem(e.Message, statusCode: 400, title: "Invalid campaign",
            extensions: new Dictionary<string, object?> { ["errors"] = e.Errors.Select(x => new { field = x.Key, message = x.Value }).ToList() });

    private static ProblemHttpResult Conflict(CampaignStateException e) =>
        TypedResults.Problem(e.Message, statusCode: 409, title: "Not allowed in this status", extensions: new Dictionary<string, object?> { ["status"] = e.Status });
}
