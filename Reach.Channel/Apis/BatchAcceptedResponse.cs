namespace Reach.Channel.Apis;

/// <summary>The 202 answer to a send batch: <c>{ "batch_id": "…", "accepted": 498, "duplicates": 2 }</c>.</summary>
/// <param name="BatchId">The batch's id, echoed.</param>
/// <param name="Accepted">Messages accepted and now being played.</param>
/// <param name="Duplicates">Messages whose communication_id was seen before (in any batch since the channel started): not played again.</param>
public sealed record BatchAcceptedResponse(string BatchId, int Accepted, int Duplicates);
