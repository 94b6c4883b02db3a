using System.Text.Json;

namespace Reach.Web.Crm;

/// <summary>A campaign as the CRM returns it (<c>GET /api/campaigns/{id}</c>).</summary>
public sealed record Campaign(
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
    FunnelCounts? Funnel,
    IReadOnlyList<string> Warnings)
{
    /// <summary>True while the campaign can be edited and launched.</summary>
    public bool IsDraft => Status == "draft";

    /// <summary>True once it has been launched (its funnel exists).</summary>
    public bool IsLaunched => Status is "approved" or "sending" or "completed" or "failed" || LaunchedAt is not null;
}

/// <summary>Edits to a draft; null leaves a field as it is.</summary>
public sealed record CampaignEdit(string? Name = null, string? Channel = null, string? MessageTemplate = null, string? ChannelReason = null);

/// <summary>What a launch did.</summary>
public sealed record LaunchResult(long CampaignId, string Status, int AudienceSize, int Excluded, DateTimeOffset LaunchedAt, string ApprovedBy);

/// <summary>A campaign's cumulative funnel counters.</summary>
public sealed record FunnelCounts(
    long Queued, long Dispatched, long Sent, long Delivered, long Opened, long Read, long Clicked, long Converted, long Failed,
    decimal Revenue, string Currency);

/// <summary>Funnel rates in percent.</summary>
public sealed record FunnelRates(double Delivery, double Open, double Read, double Click, double Conversion, double Failure);

/// <summary>One minute of the funnel series.</summary>
public sealed record FunnelMinute(DateTimeOffset Minute, long Dispatched, long Sent, long Delivered, long Opened, long Read, long Clicked, long Converted, long Failed, decimal Revenue);

/// <summary>The funnel endpoint's and stream's payload.</summary>
public sealed record FunnelSnapshot(long CampaignId, string Status, FunnelCounts Counts, FunnelRates Rates, IReadOnlyList<FunnelMinute> Series, DateTimeOffset AsOf)
{
    /// <summary>True when nothing more will change.</summary>
    public bool IsFinal => Status is "completed" or "cancelled" or "failed";
}

/// <summary>One recipient's message and how far it got.</summary>
public sealed record Recipient(
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

/// <summary>A keyset page: pass <paramref name="NextAfter"/> as <c>after</c> for the next one (null at the end).</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, long? NextAfter);

/// <summary>A draft's body rendered for one real recipient.</summary>
public sealed record MessagePreview(long CustomerId, string? CustomerName, string Address, string Body);

/// <summary>A saved segment.</summary>
public sealed record Segment(
    long Id,
    string Name,
    string? Description,
    JsonElement Definition,
    string Summary,
    string CreatedVia,
    string? CreatedBy,
    DateTimeOffset CreatedAt,
    int? LastCount,
    DateTimeOffset? LastCountedAt,
    double? LastCountMs,
    int CampaignCount);

/// <summary>An audience's size and who is in it.</summary>
public sealed record AudiencePreview(long Count, ReachableCounts Reachable, IReadOnlyList<AudienceMember> Sample, string Description, DateTimeOffset ReferenceTime, double ElapsedMs);

/// <summary>Reachable customers per channel.</summary>
public sealed record ReachableCounts(long Whatsapp, long Sms, long Email, long Rcs);

/// <summary>One customer of a sample.</summary>
public sealed record AudienceMember(long Id, string? ExternalId, string? Name, string? Email, string? City, string? Country, int OrderCount, decimal TotalSpent, DateTimeOffset? LastOrderAt, bool IsSynthetic);

/// <summary>One tool call of a copilot turn.</summary>
public sealed record CopilotAction(string Tool, JsonElement Arguments, JsonElement Result, double ElapsedMs);

/// <summary>The answer to one copilot turn.</summary>
public sealed record CopilotReply(long ConversationId, string Reply, IReadOnlyList<CopilotAction> Actions, Campaign? StagedCampaign, Segment? Segment, int ModelCalls);

/// <summary>A conversation in the list.</summary>
public sealed record ConversationSummary(long Id, string? Title, string? CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>A stored step of a conversation.</summary>
public sealed record ConversationMessage(int Sequence, string Role, string? Content, string? ToolName, string? ToolCallId, JsonElement? Arguments, JsonElement? Result, DateTimeOffset CreatedAt);

/// <summary>A whole conversation, to resume it.</summary>
public sealed record Conversation(long Id, string? Title, string? CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, IReadOnlyList<ConversationMessage> Messages);

/// <summary>The answer to an ingest.</summary>
public sealed record IngestReport(string Kind, string Format, RowCounts Rows, EntityCounts Customers, EntityCounts? Orders, IReadOnlyList<RowError> Rejected, IReadOnlyList<RowError> Warnings, long ElapsedMs);

/// <summary>Input rows by outcome.</summary>
public sealed record RowCounts(long Read, long Inserted, long Updated, long Unchanged, long Rejected, long Skipped);

/// <summary>Entities by outcome.</summary>
public sealed record EntityCounts(long Inserted, long Updated, long Unchanged);

/// <summary>Why a row was not imported.</summary>
public sealed record RowError(long Line, string? Column, string Reason);

/// <summary>The CRM's token answer (<c>POST /api/auth/token</c>).</summary>
public sealed record CrmToken(string AccessToken, string TokenType, int ExpiresIn, string UserName, string Role);

/// <summary>A customer in a search result.</summary>
public sealed record CustomerListItem(long Id, string? ExternalId, string? Name, string? Email, string? Phone, string? City, string? Country, int OrderCount, decimal TotalSpent, DateTimeOffset? LastOrderAt, bool IsSynthetic);

/// <summary>One customer with metrics, consent, recent orders and recent messages.</summary>
public sealed record CustomerDetail(
    CustomerListItem Customer, string? Gender, IReadOnlyList<string> Tags, IReadOnlyList<string> Categories, string? LastItem, decimal AvgOrderValue,
    DateTimeOffset? FirstOrderAt, DateTimeOffset? LastContactedAt, DateTimeOffset CreatedAt, IReadOnlyList<string> Consent,
    IReadOnlyList<CustomerOrder> Orders, IReadOnlyList<CustomerMessage> Messages);

/// <summary>One of a customer's orders.</summary>
public sealed record CustomerOrder(long Id, string ExternalId, DateTimeOffset OrderedAt, decimal Total, string Currency, string Status, int LineCount);

/// <summary>One message a customer was sent.</summary>
public sealed record CustomerMessage(long CommunicationId, long CampaignId, string CampaignName, string Channel, string Stage, bool Failed, DateTimeOffset QueuedAt, DateTimeOffset? DeliveredAt, DateTimeOffset? ConvertedAt, decimal? ConversionValue);

/// <summary>The home page's key numbers.</summary>
public sealed record Kpis(long Customers, long Orders, decimal Revenue, long CampaignsSent, long MessagesDelivered, long Conversions, decimal AttributedRevenue, string Currency);
