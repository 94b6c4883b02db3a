using Microsoft.AspNetCore.Http.HttpResults;
using Reach.Channel.Ledger;
using Reach.Channel.Simulation;

namespace Reach.Channel.Apis;

/// <summary><c>GET /v1/ledger/{campaign_id}</c>: the distinct events the channel emitted for a campaign — the truth to check the CRM's funnel against.</summary>
public static class LedgerApi
{
    /// <summary>Default and largest page of <c>?detail=true</c>, in messages.</summary>
    public const int DefaultDetailLimit = 10_000, MaxDetailLimit = 100_000;

    /// <summary>Maps the ledger endpoint.</summary>
    public static RouteGroupBuilder MapLedgerApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/ledger").WithTags("Ledger");
        group.MapGet("/{campaignId:long}", GetLedger);
        return group;
    }

    /// <summary>
    /// The campaign's ledger (<see cref="LedgerResponse"/>); with <c>?detail=true</c> also its messages in communication id
    /// order, a page of <c>limit</c> (default 10,000, at most 100,000) after communication id <c>after</c>. 404 when the
    /// channel never received a batch of the campaign.
    /// </summary>
    public static Results<Ok<LedgerResponse>, ProblemHttpResult> GetLedger(long campaignId, bool? detail, long? after, int? limit, MessageSimulator simulator)
    {
        ArgumentNullException.ThrowIfNull(simulator);
        var ledger = simulator.GetLedger(campaignId, detail ?? false, after ?? 0, Math.Clamp(limit ?? DefaultDetailLimit, 1, MaxDetailLimit));
        return ledger is null
            ? TypedResults.Problem($"the channel has received no batch of campaign {campaignId}", statusCode: StatusCodes.Status404NotFound, title: "Unknown campaign")
            : TypedResults.Ok(ledger);
    }
}
