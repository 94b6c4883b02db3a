using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Reach.Testing;

namespace Reach.EndToEnd.Tests;

/// <summary>
/// The README's walkthrough on the real Online Retail file, through the APIs, with the CRM and the channel as real
/// processes: import the file with the synthetic contact overlay, set the reference time (the day after the last
/// invoice, 2011-12-10), ask the copilot three real goals, check each staged draft's audience against the eval set's
/// pinned sizes, launch two of them and check each finished funnel against the channel's ledger.
/// </summary>
public sealed class OnlineRetailWalkthroughTests : IAsyncLifetime
{
    private const string Secret = "walkthrough-signing-secret";
    private string _database = "";
    private ServiceProcess _channel = null!;
    private ServiceProcess _crm = null!;

    public async ValueTask InitializeAsync()
    {
        _database = await TestPostgres.CreateDatabaseAsync("walkthrough");
        _channel = ServiceProcess.Create("channel", "Reach.Channel", new Dictionary<string, string>
        {
            ["Reach__Channel__SigningSecret"] = Secret,
            ["Reach__Channel__TimeScale"] = "0.02",
            ["Reach__Channel__Seed"] = "11",
            ["Logging__LogLevel__Default"] = "Warning",
        });
        await _channel.StartAsync();
        _crm = ServiceProcess.Create("crm", "Reach.Crm", new Dictionary<string, string>
        {
            ["ConnectionStrings__reach"] = _database,
            ["services__channel__http__0"] = _channel.Url,
            ["Reach__Channel__SigningSecret"] = Secret,
            ["Reach__Currency"] = "GBP",
            ["Reach__Segmentation__AsOf"] = "2011-12-10T00:00:00Z",
            ["Reach__Dispatch__CompletionQuietSeconds"] = "3",
            ["Logging__LogLevel__Default"] = "Warning",
        });
        await _crm.StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _crm.DisposeAsync();
        await _channel.DisposeAsync();
        await (await TestPostgres.GetAsync()).DropDatabaseAsync(_database);
    }

    [Fact]
    public async Task Real_goals_on_Online_Retail_are_staged_launched_and_reconciled_with_the_channel()
    {
        var ct = TestContext.Current.CancellationToken;
        using var http = new HttpClient { BaseAddress = new Uri(_crm.Url), Timeout = TimeSpan.FromMinutes(5) };

        // 1. Import the file as a newcomer would: streamed upload, synthetic contacts for the customers.
        await using (var file = File.OpenRead(TestData.OnlineRetailCsv))
        {
            using var content = new StreamContent(file);
            content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
            var report = await SendAsync(http, HttpMethod.Post, "/api/ingest/orders?format=online-retail&contacts=synthetic", content, ct);
            Assert.Equal(4_372, report.GetProperty("customers").GetProperty("inserted").GetInt64());
            Assert.Equal(22_190, report.GetProperty("orders").GetProperty("inserted").GetInt64());
        }

        // 2. Three real goals through the copilot: each stages a draft whose audience is the eval set's.
        var staged = new Dictionary<string, JsonElement>();
        foreach (var (id, pinned) in new[] { ("g26", 25), ("g28", 309), ("g29", 56) })
        {
            var goal = EvalGoal.Load().Single(g => g.Id == id);
            var reply = await SendAsync(http, HttpMethod.Post, "/api/copilot/chat", Json(new { message = goal.Goal }), ct);
            var segment = reply.GetProperty("segment");
            Assert.True(segment.ValueKind == JsonValueKind.Object, $"{id}: no segment saved: {reply}");
            Assert.Equal(pinned, segment.GetProperty("lastCount").GetInt32());
            var campaign = reply.GetProperty("stagedCampaign");
            Assert.True(campaign.ValueKind == JsonValueKind.Object, $"{id}: no campaign staged: {reply}");
            Assert.Equal("draft", campaign.GetProperty("status").GetString());
            Assert.Equal("GBP", campaign.GetProperty("currency").GetString());
            staged[id] = campaign;
        }

        // 3. Review (preview renders the copy for real recipients), approve and launch two of them.
        foreach (var id in new[] { "g26", "g28" })
        {
            var campaignId = staged[id].GetProperty("id").GetInt64();
            var preview = await SendAsync(http, HttpMethod.Get, $"/api/campaigns/{campaignId}/preview", null, ct);
            Assert.NotEqual(JsonValueKind.Undefined, preview.ValueKind);
            var launch = await SendAsync(http, HttpMethod.Post, $"/api/campaigns/{campaignId}/launch", null, ct);
            var audience = launch.GetProperty("audienceSize").GetInt32();
            Assert.InRange(audience, 1, id == "g26" ? 25 : 309);

            // 4. Watch the funnel finish, then check it against the channel's ledger, stage by stage and in revenue.
            JsonElement ledger = default;
            await WaitUntilAsync(async () =>
            {
                using var response = await http.GetAsync($"{_channel.Url}/v1/ledger/{campaignId}", ct);
                if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
                {
                    return false; // the channel has not received the campaign's first message yet
                }

                ledger = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
                return ledger.GetProperty("complete").GetBoolean() && ledger.GetProperty("messages").GetInt64() == audience;
            }, TimeSpan.FromMinutes(3), $"{id}: ledger complete");
            JsonElement funnel = default;
            await WaitUntilAsync(async () =>
            {
                funnel = await http.GetFromJsonAsync<JsonElement>($"/api/campaigns/{campaignId}/funnel", ct);
                return funnel.GetProperty("status").GetString() == "completed";
            }, TimeSpan.FromMinutes(2), $"{id}: campaign completed");

            var counts = funnel.GetProperty("counts");
            var events = ledger.GetProperty("funnel");
            Assert.Equal(0, ledger.GetProperty("receipts_dropped").GetInt64());
            Assert.Equal(audience, counts.GetProperty("queued").GetInt64());
            Assert.Equal(audience, counts.GetProperty("dispatched").GetInt64());
            foreach (var stage in new[] { "sent", "delivered", "opened", "read", "clicked", "converted", "failed" })
            {
                Assert.True(events.GetProperty(stage).GetInt64() == counts.GetProperty(stage).GetInt64(),
                    $"{id} {stage}: ledger {events.GetProperty(stage).GetInt64()}, funnel {counts.GetProperty(stage).GetInt64()}");
            }

            Assert.True(counts.GetProperty("sent").GetInt64() > 0, $"{id}: nothing sent");
            Assert.Equal(ledger.GetProperty("revenue").GetDecimal(), counts.GetProperty("revenue").GetDecimal());
        }
    }

    private static StringContent Json(object value) =>
        new(JsonSerializer.Serialize(value), Encoding.UTF8, "application/json");

    private async Task<JsonElement> SendAsync(HttpClient http, HttpMethod method, string path, HttpContent? content, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        using var response = await http.SendAsync(request, ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        Assert.True(response.IsSuccessStatusCode, $"{method} {path}: {(int)response.StatusCode} {body}\n{string.Join('\n', _crm.Output.TakeLast(20))}");
        return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone();
    }

    private async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(250);
        }

        Assert.Fail($"timed out waiting for {what}\n{string.Join('\n', _crm.Output.TakeLast(40))}\n{string.Join('\n', _channel.Output.TakeLast(40))}");
    }
}
