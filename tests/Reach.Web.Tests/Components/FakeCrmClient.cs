using System.Runtime.CompilerServices;
using System.Text.Json;
using Reach.Web.Crm;

namespace Reach.Web.Tests.Components;

/// <summary>An <see cref="ICrmClient"/> whose every answer a test decides: data, an error, or never (loading).</summary>
public sealed class FakeCrmClient : ICrmClient
{
    /// <summary>Thrown by every call when set.</summary>
    public Exception? Failure { get; set; }

    /// <summary>When true, every call waits forever (the loading state).</summary>
    public bool Hang { get; set; }

    public List<Campaign> Campaigns { get; } = [];
    public Dictionary<long, FunnelSnapshot> Funnels { get; } = [];
    public List<Recipient> Recipients { get; } = [];
    public List<MessagePreview> Previews { get; } = [];
    public List<Segment> Segments { get; } = [];
    public List<ConversationSummary> Conversations { get; } = [];
    public Dictionary<long, Conversation> ConversationDetails { get; } = [];
    public AudiencePreview Audience { get; set; } = new(0, new(0, 0, 0, 0), [], "", DateTimeOffset.UnixEpoch, 1);

    private async Task<T> Answer<T>(Func<T> value)
    {
        if (Hang)
        {
            await Task.Delay(Timeout.Infinite);
        }

        if (Failure is not null)
        {
            throw Failure;
        }

        return value();
    }

    public Task<IReadOnlyList<Campaign>> ListCampaignsAsync(string? status, string? channel, int limit, CancellationToken ct) =>
        Answer<IReadOnlyList<Campaign>>(() => Campaigns.Where(c => (status is null || c.Status == status) && (channel is null || c.Channel == channel)).ToList());

    public Task<Campaign?> GetCampaignAsync(long id, CancellationToken ct) => Answer(() => Campaigns.FirstOrDefault(c => c.Id == id));

    public Task<Campaign> EditCampaignAsync(long id, CampaignEdit edit, CancellationToken ct) => Answer(() => Campaigns.First(c => c.Id == id));

    public Task<LaunchResult> LaunchCampaignAsync(long id, CancellationToken ct) => Answer(() => new LaunchResult(id, "approved", 1, 0, DateTimeOffset.UnixEpoch, "approver"));

    public Task<Campaign> CancelCampaignAsync(long id, CancellationToken ct) => Answer(() => Campaigns.First(c => c.Id == id));

    public Task<IReadOnlyList<MessagePreview>> PreviewMessagesAsync(long id, int count, CancellationToken ct) => Answer<IReadOnlyList<MessagePreview>>(() => Previews);

    public Task<Page<Recipient>> RecipientsAsync(long id, string? stage, long after, int limit, CancellationToken ct) =>
        Answer(() => new Page<Recipient>(Recipients.Where(r => r.CommunicationId > after).Take(limit).ToList(), null));

    public Task<FunnelSnapshot?> FunnelAsync(long id, CancellationToken ct) => Answer(() => Funnels.GetValueOrDefault(id));

    public async IAsyncEnumerable<FunnelSnapshot> StreamFunnelAsync(long id, [EnumeratorCancellation] CancellationToken ct)
    {
        if (Funnels.TryGetValue(id, out var snapshot))
        {
            yield return snapshot;
        }

        await Task.CompletedTask;
    }

    public Task<IReadOnlyList<Segment>> ListSegmentsAsync(int limit, CancellationToken ct) => Answer<IReadOnlyList<Segment>>(() => Segments);

    public Task<Segment?> GetSegmentAsync(long id, CancellationToken ct) => Answer(() => Segments.FirstOrDefault(s => s.Id == id));

    public Task<AudiencePreview> PreviewAudienceAsync(JsonElement definition, CancellationToken ct) => Answer(() => Audience);

    public Task<Segment> CreateSegmentAsync(string name, string? description, JsonElement definition, CancellationToken ct) =>
        Answer(() => Segments.First());

    public Task<CopilotReply> ChatAsync(long? conversationId, string message, CancellationToken ct) =>
        Answer(() => new CopilotReply(1, "ok", [], null, null, 1));

    public Task<IReadOnlyList<ConversationSummary>> ListConversationsAsync(int limit, CancellationToken ct) =>
        Answer<IReadOnlyList<ConversationSummary>>(() => Conversations);

    public Task<Conversation?> GetConversationAsync(long id, CancellationToken ct) => Answer(() => ConversationDetails.GetValueOrDefault(id));

    public Task<IngestReport> UploadCustomersAsync(Stream content, string contentType, IProgress<long>? progress, CancellationToken ct) =>
        Answer(() => new IngestReport("customers", "reach-csv", new(0, 0, 0, 0, 0, 0), new(0, 0, 0), null, [], [], 1));

    public List<CustomerListItem> Customers { get; } = [];
    public Dictionary<long, CustomerDetail> CustomerDetails { get; } = [];
    public Kpis Kpis { get; set; } = new(0, 0, 0, 0, 0, 0, 0, "INR");

    public Task<Page<CustomerListItem>> SearchCustomersAsync(string? query, long after, int limit, CancellationToken ct) =>
        Answer(() =>
        {
            var items = Customers.Where(c => c.Id > after && (query is null || (c.Name ?? "").Contains(query, StringComparison.OrdinalIgnoreCase))).Take(limit + 1).ToList();
            return new Page<CustomerListItem>(items.Take(limit).ToList(), items.Count > limit ? items[limit - 1].Id : null);
        });

    public Task<CustomerDetail?> GetCustomerAsync(long id, CancellationToken ct) => Answer(() => CustomerDetails.GetValueOrDefault(id));

    public Task<Kpis> KpisAsync(CancellationToken ct) => Answer(() => Kpis);
}
