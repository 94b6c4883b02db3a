namespace Reach.Crm.Campaigns;

/// <summary>A message to a segment over one channel. Status: draft → approved → sending → completed, or cancelled / failed.</summary>
public sealed class Campaign
{
    public long Id { get; set; }
    public required string Name { get; set; }
    public string? Goal { get; set; }
    public long SegmentId { get; set; }

    /// <summary><c>whatsapp</c>, <c>sms</c>, <c>email</c> or <c>rcs</c>.</summary>
    public required string Channel { get; set; }

    public string? ChannelReason { get; set; }

    /// <summary>ISO 4217 currency of attributed revenue (<c>Reach:Currency</c> at creation).</summary>
    public required string Currency { get; set; }

    /// <summary>Body with personalisation tokens such as <c>{{first_name | there}}</c>.</summary>
    public required string MessageTemplate { get; set; }

    public required string Status { get; set; }

    /// <summary>Recipients frozen at launch.</summary>
    public int? AudienceSize { get; set; }

    /// <summary>Customers excluded at launch for lack of consent or address.</summary>
    public int? ExcludedCount { get; set; }

    public required string CreatedVia { get; set; }
    public string? CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public string? ApprovedBy { get; set; }
    public DateTimeOffset? ApprovedAt { get; set; }
    public DateTimeOffset? LaunchedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    public long? ConversationId { get; set; }

    /// <summary>W3C trace context of the launch, so receipt traces can link to it.</summary>
    public string? LaunchTraceParent { get; set; }
}
