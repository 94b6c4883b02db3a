namespace Reach.Crm.Campaigns;

/// <summary>
/// A new draft. <paramref name="Channel"/> ∈ whatsapp, sms, email, rcs; <paramref name="MessageTemplate"/> may use
/// <c>{{first_name}}</c>, <c>{{name}}</c>, <c>{{city}}</c>, <c>{{last_item}}</c> with fallbacks (<c>{{first_name | there}}</c>).
/// </summary>
public sealed record CampaignDraftRequest(
    string? Name,
    long? SegmentId,
    string? Channel,
    string? MessageTemplate,
    string? Goal = null,
    string? ChannelReason = null,
    string? CreatedVia = null,
    long? ConversationId = null);

/// <summary>Edits to a draft: only name, channel, channel reason and template can change; null leaves a field as it is.</summary>
public sealed record CampaignEditRequest(string? Name = null, string? Channel = null, string? MessageTemplate = null, string? ChannelReason = null);

/// <summary>A campaign as the API returns it.</summary>
/// <param name="AudienceSize">Recipients frozen at launch (null before).</param>
/// <param name="ExcludedCount">Customers of the segment left out at launch for lack of consent or address.</param>
/// <param name="Funnel">The maintained counters, once launched.</param>
/// <param name="Warnings">Remarks that don't block, e.g. an SMS longer than one message.</param>
public sealed record CampaignResponse(
    long Id,
    string Name,
    string? Goal,
    long SegmentId,
    string? SegmentName,
    string Channel,
    string? ChannelReason,
    string MessageTemplate,
    string Status,
    string Currency,
    int? AudienceSize,
    int? ExcludedCount,
    string CreatedVia,
    string? CreatedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string? ApprovedBy,
    DateTimeOffset? ApprovedAt,
    DateTimeOffset? LaunchedAt,
    DateTimeOffset? CompletedAt,
    long? ConversationId,
    Funnel.FunnelCounts? Funnel,
    IReadOnlyList<string> Warnings);

/// <summary>What a launch did.</summary>
/// <param name="AudienceSize">Communications queued.</param>
/// <param name="Excluded">Customers of the segment without consent or an address for the channel.</param>
public sealed record LaunchResponse(long CampaignId, string Status, int AudienceSize, int Excluded, DateTimeOffset LaunchedAt, string ApprovedBy);

/// <summary>One recipient's message and how far it got.</summary>
public sealed record RecipientResponse(
    long CommunicationId,
    long CustomerId,
    string? CustomerName,
    string Address,
    string Stage,
    bool Failed,
    string? FailureReason,
    DateTimeOffset QueuedAt,
    DateTimeOffset? DispatchedAt,
    DateTimeOffset? DeliveredAt,
    DateTimeOffset? ReadAt,
    DateTimeOffset? ConvertedAt,
    decimal? ConversionValue,
    string? Body);

/// <summary>A page of a keyset-paged list: pass <paramref name="NextAfter"/> as <c>after</c> for the next page (null at the end).</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, long? NextAfter);

/// <summary>The draft's body rendered for one real recipient.</summary>
public sealed record MessagePreview(long CustomerId, string? CustomerName, string Address, string Body);
