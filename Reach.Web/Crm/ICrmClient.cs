using System.Text.Json;

namespace Reach.Web.Crm;

/// <summary>
/// The CRM's API as the web app uses it, on behalf of the signed-in user. Failures surface as <see cref="CrmException"/>
/// (403 when the user's role may not, 401 when the session's CRM token is no longer valid).
/// </summary>
public interface ICrmClient
{
    /// <summary>Campaigns, newest first, optionally filtered by status and channel.</summary>
    Task<IReadOnlyList<Campaign>> ListCampaignsAsync(string? status, string? channel, int limit, CancellationToken ct);

    /// <summary>One campaign, or null when it doesn't exist.</summary>
    Task<Campaign?> GetCampaignAsync(long id, CancellationToken ct);

    /// <summary>Edits a draft.</summary>
    Task<Campaign> EditCampaignAsync(long id, CampaignEdit edit, CancellationToken ct);

    /// <summary>Approves and launches a draft (approver role).</summary>
    Task<LaunchResult> LaunchCampaignAsync(long id, CancellationToken ct);

    /// <summary>Cancels a campaign (approver role).</summary>
    Task<Campaign> CancelCampaignAsync(long id, CancellationToken ct);

    /// <summary>The draft's body rendered for a few real recipients.</summary>
    Task<IReadOnlyList<MessagePreview>> PreviewMessagesAsync(long id, int count, CancellationToken ct);

    /// <summary>A keyset page of recipients, optionally only those at <paramref name="stage"/> (or <c>failed</c>).</summary>
    Task<Page<Recipient>> RecipientsAsync(long id, string? stage, long after, int limit, CancellationToken ct);

    /// <summary>The funnel now.</summary>
    Task<FunnelSnapshot?> FunnelAsync(long id, CancellationToken ct);

    /// <summary>The funnel as the CRM pushes it (Server-Sent Events), until the campaign is final or <paramref name="ct"/> ends.</summary>
    IAsyncEnumerable<FunnelSnapshot> StreamFunnelAsync(long id, CancellationToken ct);

    /// <summary>Saved segments, newest first.</summary>
    Task<IReadOnlyList<Segment>> ListSegmentsAsync(int limit, CancellationToken ct);

    /// <summary>One segment, recounted.</summary>
    Task<Segment?> GetSegmentAsync(long id, CancellationToken ct);

    /// <summary>Counts and samples the audience of a DSL definition.</summary>
    Task<AudiencePreview> PreviewAudienceAsync(JsonElement definition, CancellationToken ct);

    /// <summary>Saves a segment.</summary>
    Task<Segment> CreateSegmentAsync(string name, string? description, JsonElement definition, CancellationToken ct);

    /// <summary>One copilot turn.</summary>
    Task<CopilotReply> ChatAsync(long? conversationId, string message, CancellationToken ct);

    /// <summary>Conversations, newest first.</summary>
    Task<IReadOnlyList<ConversationSummary>> ListConversationsAsync(int limit, CancellationToken ct);

    /// <summary>A whole conversation.</summary>
    Task<Conversation?> GetConversationAsync(long id, CancellationToken ct);

    /// <summary>Uploads a customers file (CSV or JSON), reporting bytes sent through <paramref name="progress"/>.</summary>
    Task<IngestReport> UploadCustomersAsync(Stream content, string contentType, IProgress<long>? progress, CancellationToken ct);

    /// <summary>Customers after <paramref name="after"/> by id, optionally matching <paramref name="query"/>.</summary>
    Task<Page<CustomerListItem>> SearchCustomersAsync(string? query, long after, int limit, CancellationToken ct);

    /// <summary>One customer with orders and messages, or null.</summary>
    Task<CustomerDetail?> GetCustomerAsync(long id, CancellationToken ct);

    /// <summary>The home page's key numbers.</summary>
    Task<Kpis> KpisAsync(CancellationToken ct);
}
