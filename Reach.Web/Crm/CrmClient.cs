using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Reach.Web.Crm;

/// <summary>
/// <see cref="ICrmClient"/> over HTTP: <c>http://crm</c> through service discovery and the standard resilience
/// pipeline, with the signed-in user's bearer token on every request.
/// </summary>
/// <param name="factory">Creates the <see cref="Name"/> and <see cref="LongName"/> clients.</param>
/// <param name="credentials">The signed-in user's token.</param>
/// <param name="logger">Logs stream reconnects.</param>
public sealed class CrmClient(IHttpClientFactory factory, ICrmCredentials credentials, ILogger<CrmClient> logger) : ICrmClient
{
    /// <summary>The client for ordinary requests.</summary>
    public const string Name = "crm";

    /// <summary>The client for long requests: the funnel stream and uploads.</summary>
    public const string LongName = "crm-long";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <inheritdoc />
    public Task<IReadOnlyList<Campaign>> ListCampaignsAsync(string? status, string? channel, int limit, CancellationToken ct) =>
        GetAsync<IReadOnlyList<Campaign>>($"/api/campaigns?limit={limit}{Query("status", status)}{Query("channel", channel)}", ct)!;

    /// <inheritdoc />
    public Task<Campaign?> GetCampaignAsync(long id, CancellationToken ct) => GetOrNullAsync<Campaign>($"/api/campaigns/{id}", ct);

    /// <inheritdoc />
    public Task<Campaign> EditCampaignAsync(long id, CampaignEdit edit, CancellationToken ct) =>
        SendAsync<Campaign>(HttpMethod.Put, $"/api/campaigns/{id}", JsonContent.Create(edit, options: Json), ct);

    /// <inheritdoc />
    public Task<LaunchResult> LaunchCampaignAsync(long id, CancellationToken ct) =>
        SendAsync<LaunchResult>(HttpMethod.Post, $"/api/campaigns/{id}/launch", null, ct);

    /// <inheritdoc />
    public Task<Campaign> CancelCampaignAsync(long id, CancellationToken ct) =>
        SendAsync<Campaign>(HttpMethod.Post, $"/api/campaigns/{id}/cancel", null, ct);

    /// <inheritdoc />
    public async Task<IReadOnlyList<MessagePreview>> PreviewMessagesAsync(long id, int count, CancellationToken ct) =>
        await GetOrNullAsync<IReadOnlyList<MessagePreview>>($"/api/campaigns/{id}/preview?count={count}", ct) ?? [];

    /// <inheritdoc />
    public Task<Page<Recipient>> RecipientsAsync(long id, string? stage, long after, int limit, CancellationToken ct) =>
        GetAsync<Page<Recipient>>($"/api/campaigns/{id}/recipients?after={after}&limit={limit}{Query("stage", stage)}", ct);

    /// <inheritdoc />
    public Task<FunnelSnapshot?> FunnelAsync(long id, CancellationToken ct) => GetOrNullAsync<FunnelSnapshot>($"/api/campaigns/{id}/funnel", ct);

    /// <inheritdoc />
    public async IAsyncEnumerable<FunnelSnapshot> StreamFunnelAsync(long id, [EnumeratorCancellation] CancellationToken ct)
    {
        var http = factory.CreateClient(LongName);
        while (!ct.IsCancellationRequested)
        {
            using var request = await RequestAsync(HttpMethod.Get, $"/api/campaigns/{id}/funnel/stream", null, ct);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
            HttpResponseMessage? response = null;
            IAsyncEnumerator<SseItem<FunnelSnapshot?>>? events = null;
            try
            {
                response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
                await EnsureSuccessAsync(response, ct);
                var stream = await response.Content.ReadAsStreamAsync(ct);
                events = SseParser.Create(stream, static (_, data) => JsonSerializer.Deserialize<FunnelSnapshot>(data, Json)).EnumerateAsync(ct).GetAsyncEnumerator(ct);
            }
            catch (Exception e) when (e is HttpRequestException or IOException && !ct.IsCancellationRequested)
            {
                logger.LogWarning(e, "Funnel stream of campaign {CampaignId} could not connect; retrying", id);
                response?.Dispose();
                await Task.Delay(TimeSpan.FromSeconds(2), ct);
                continue;
            }

            await using (events)
            using (response)
            {
                while (true)
                {
                    FunnelSnapshot? snapshot;
                    try
                    {
                        if (!await events.MoveNextAsync())
                        {
                            break;
                        }

                        snapshot = events.Current.Data;
                    }
                    catch (Exception e) when (e is HttpRequestException or IOException && !ct.IsCancellationRequested)
                    {
                        logger.LogWarning(e, "Funnel stream of campaign {CampaignId} dropped; reconnecting", id);
                        break;
                    }

                    if (snapshot is null)
                    {
                        continue;
                    }

                    yield return snapshot;
                    if (snapshot.IsFinal)
                    {
                        yield break;
                    }
                }
            }

            await Task.Delay(TimeSpan.FromSeconds(1), ct);
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<Segment>> ListSegmentsAsync(int limit, CancellationToken ct) =>
        await GetAsync<IReadOnlyList<Segment>>($"/api/segments?limit={limit}", ct);

    /// <inheritdoc />
    /// <remarks>As stored (<c>?recount=false</c>): both pages that read a segment preview its audience right after.</remarks>
    public Task<Segment?> GetSegmentAsync(long id, CancellationToken ct) => GetOrNullAsync<Segment>($"/api/segments/{id}?recount=false", ct);

    /// <inheritdoc />
    public Task<AudiencePreview> PreviewAudienceAsync(JsonElement definition, CancellationToken ct) =>
        SendAsync<AudiencePreview>(HttpMethod.Post, "/api/segments/preview", JsonContent.Create(new { definition }, options: Json), ct);

    /// <inheritdoc />
    public Task<Segment> CreateSegmentAsync(string name, string? description, JsonElement definition, CancellationToken ct) =>
        SendAsync<Segment>(HttpMethod.Post, "/api/segments", JsonContent.Create(new { name, description, definition, createdVia = "manual" }, options: Json), ct);

    /// <inheritdoc />
    public Task<CopilotReply> ChatAsync(long? conversationId, string message, CancellationToken ct) =>
        SendAsync<CopilotReply>(HttpMethod.Post, "/api/copilot/chat", JsonContent.Create(new { conversationId, message }, options: Json), ct, LongName);

    /// <inheritdoc />
    public async Task<IReadOnlyList<ConversationSummary>> ListConversationsAsync(int limit, CancellationToken ct) =>
        await GetAsync<IReadOnlyList<ConversationSummary>>($"/api/copilot/conversations?limit={limit}", ct);

    /// <inheritdoc />
    public Task<Conversation?> GetConversationAsync(long id, CancellationToken ct) => GetOrNullAsync<Conversation>($"/api/copilot/conversations/{id}", ct);

    /// <inheritdoc />
    public Task<IngestReport> UploadCustomersAsync(Stream content, string contentType, IProgress<long>? progress, CancellationToken ct)
    {
        var body = new ProgressStreamContent(content, progress);
        body.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return SendAsync<IngestReport>(HttpMethod.Post, "/api/ingest/customers", body, ct, LongName);
    }

    /// <inheritdoc />
    public Task<Page<CustomerListItem>> SearchCustomersAsync(string? query, long after, int limit, CancellationToken ct) =>
        GetAsync<Page<CustomerListItem>>($"/api/customers?after={after}&limit={limit}{Query("q", query)}", ct);

    /// <inheritdoc />
    public Task<CustomerDetail?> GetCustomerAsync(long id, CancellationToken ct) => GetOrNullAsync<CustomerDetail>($"/api/customers/{id}", ct);

    /// <inheritdoc />
    public Task<Kpis> KpisAsync(CancellationToken ct) => GetAsync<Kpis>("/api/insights/kpis", ct);

    private async Task<T> GetAsync<T>(string path, CancellationToken ct) =>
        await SendAsync<T>(HttpMethod.Get, path, null, ct);

    private async Task<T?> GetOrNullAsync<T>(string path, CancellationToken ct) where T : class
    {
        try
        {
            return await SendAsync<T>(HttpMethod.Get, path, null, ct);
        }
        catch (CrmException e) when (e.Status == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    private async Task<T> SendAsync<T>(HttpMethod method, string path, HttpContent? content, CancellationToken ct, string client = Name)
    {
        using var request = await RequestAsync(method, path, content, ct);
        using var response = await factory.CreateClient(client).SendAsync(request, ct);
        await EnsureSuccessAsync(response, ct);
        return await response.Content.ReadFromJsonAsync<T>(Json, ct) ?? throw new CrmException(response.StatusCode, "The CRM sent an empty answer.");
    }

    private async Task<HttpRequestMessage> RequestAsync(HttpMethod method, string path, HttpContent? content, CancellationToken ct)
    {
        var (_, token) = await credentials.GetAsync(ct);
        var request = new HttpRequestMessage(method, "http://crm" + path) { Content = content };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return request;
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken ct)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        string? detail = null;
        try
        {
            using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
            var root = problem.RootElement;
            detail = root.TryGetProperty("detail", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString()
                : root.TryGetProperty("title", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        }
        catch (JsonException)
        {
        }

        throw new CrmException(response.StatusCode, response.StatusCode switch
        {
            HttpStatusCode.Forbidden => "Your role may not do this." + (detail is null ? "" : " " + detail),
            HttpStatusCode.Unauthorized => "Your session with the CRM has ended; sign in again.",
            _ => detail ?? $"The CRM answered {(int)response.StatusCode} {response.ReasonPhrase}.",
        });
    }

    private static string Query(string name, string? value) =>
        string.IsNullOrEmpty(value) ? "" : $"&{name}={Uri.EscapeDataString(value)}";
}
