using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Reach.Crm.Campaigns;
using Reach.Crm.Segmentation;
using Reach.Crm.Tests.Ingest;
using Reach.Crm.Tests.Infrastructure;
using Reach.ServiceDefaults.Webhooks;

namespace Reach.Crm.Tests.Campaigns;

/// <summary>
/// The CRM with the demo brand (1,000 customers) and the dispatcher switched off, so a test plays the channel's part
/// itself: it posts signed receipts and checks the funnel.
/// </summary>
public sealed class CampaignFixture : CrmFactory
{
    public const string Secret = "campaign-tests-secret";

    public StandardWebhook Signer { get; } = new(Secret);

    public override async ValueTask InitializeAsync()
    {
        Settings["Reach:Channel:SigningSecret"] = Secret;
        Settings["Reach:Dispatch:Enabled"] = "false";
        Settings["Reach:Segmentation:AsOf"] = DemoDataFixture.AsOf.ToString("O");
        await base.InitializeAsync();
        using var client = CreateClient();
        using var response = await client.PostAsync($"/api/ingest/demo?customers=1000&seed=42&asOf={Uri.EscapeDataString(DemoDataFixture.AsOf.ToString("O"))}", null);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Saves a segment and stages a draft on it.</summary>
    public async Task<CampaignResponse> DraftAsync(string definition, string channel, string template = "Hi {{first_name | there}}, we miss you in {{city | your city}}!", string name = "Test campaign")
    {
        using var client = CreateClient();
        using var seg = await client.PostAsync("/api/segments", Json($$"""{"name":"{{name}} audience","definition":{{definition}}}"""));
        Assert.True(seg.IsSuccessStatusCode, await seg.Content.ReadAsStringAsync());
        var segment = (await seg.Content.ReadFromJsonAsync<SegmentResponse>())!;
        using var draft = await client.PostAsJsonAsync("/api/campaigns", new CampaignDraftRequest(name, segment.Id, channel, template, "test goal", "test reason"));
        Assert.True(draft.IsSuccessStatusCode, await draft.Content.ReadAsStringAsync());
        return (await draft.Content.ReadFromJsonAsync<CampaignResponse>())!;
    }

    /// <summary>Posts a receipt batch signed with <paramref name="signer"/> (default: the right secret) at <paramref name="at"/> (default now).</summary>
    public async Task<HttpResponseMessage> PostReceiptsAsync(string body, StandardWebhook? signer = null, DateTimeOffset? at = null, bool sign = true)
    {
        using var client = CreateClient();
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/webhooks/receipts") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (sign)
        {
            await (signer ?? Signer).SignAsync(request, "msg_" + Guid.NewGuid().ToString("N"), at ?? DateTimeOffset.UtcNow, CancellationToken.None);
        }

        return await client.SendAsync(request);
    }

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    /// <summary>Communication ids of a campaign, in id order.</summary>
    public async Task<List<long>> CommunicationIdsAsync(long campaignId)
    {
        await using var conn = await OpenAsync();
        await using var cmd = new Npgsql.NpgsqlCommand("SELECT id FROM communications WHERE campaign_id = @c ORDER BY id", conn);
        cmd.Parameters.AddWithValue("c", campaignId);
        var ids = new List<long>();
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetInt64(0));
        }

        return ids;
    }

    public static string Receipts(IEnumerable<object> events) => JsonSerializer.Serialize(events);

    public static object Event(string id, long communication, string type, DateTimeOffset at, decimal? value = null, string? reason = null) =>
        new Dictionary<string, object?>
        {
            ["event_id"] = id, ["communication_id"] = communication, ["type"] = type, ["occurred_at"] = at,
            ["order_value"] = value, ["reason"] = reason, ["currency"] = value is null ? null : "INR",
        };
}
