namespace Reach.Bench;

/// <summary>A campaign launched in the demo database whose communications are still queued (no dispatcher ran), shared by later scenarios.</summary>
/// <param name="CampaignId">The campaign.</param>
/// <param name="AudienceSize">Communications frozen at launch.</param>
public sealed record LaunchedCampaign(long CampaignId, int AudienceSize);
