using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Reach.Testing;

namespace Reach.EndToEnd.Tests;

/// <summary>
/// The CRM and the channel as real processes over real HTTP: a 10,000-recipient campaign with injected duplicates,
/// reordering and transient failures, and a CRM restart in the middle of the receipts, ends with the CRM's funnel
/// equal — stage by stage and in revenue — to the channel's ledger, and nobody got two messages.
/// </summary>
public sealed class ReconciliationTests : IAsyncLifetime
{
    private const string Secret = "e2e-signing-secret";
    private string _database = "";
    private ServiceProcess _channel = null!;
    private ServiceProcess _crm = null!;

    public async ValueTask InitializeAsync()
    {
        _database = await TestPostgres.CreateDatabaseAsync("reconciliation");
        _channel = ServiceProcess.Create("channel", "Reach.Channel", new Dictionary<string, string>
        {
            ["Reach__Channel__SigningSecret"] = Secret,
            ["Reach__Channel__TimeScale"] = "0.05",
            ["Reach__Channel__Seed"] = "7",
            ["Logging__LogLevel__Default"] = "Warning",
        });
        await _channel.StartAsync();
        _crm = ServiceProcess.Create("crm", "Reach.Crm", new Dictionary<string, string>(TestUsers.Environment())
        {
            ["ConnectionStrings__reach"] = _database,
            ["services__channel__http__0"] = _channel.Url,
            ["Reach__Channel__SigningSecret"] = Secret,
            ["Reach__Dispatch__BatchSize"] = "500",
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
    public async Task The_funnel_equals_the_channel_ledger_after_duplicates_reordering_and_a_crm_restart()
    {
        var ct = TestContext.Current.CancellationToken;
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(3), BaseAddress = new Uri(_crm.Url) };
        // Admin seeds, a marketer stages, an approver launches; the approver's token is used after the restart too
        // (the data-protection keys live in PostgreSQL, so tokens survive it).
        var admin = await TestUsers.SignInAsync(http, TestUsers.UserName("admin"), ct: ct);
        var marketer = await TestUsers.SignInAsync(http, TestUsers.UserName("marketer"), ct: ct);
        var approver = await TestUsers.SignInAsync(http, TestUsers.UserName("approver"), ct: ct);
        http.Authorize(admin);
        var seed = await http.PostAsync($"{_crm.Url}/api/ingest/demo?customers=12000&seed=42", null, ct);
        Assert.True(seed.IsSuccessStatusCode, await seed.Content.ReadAsStringAsync(ct));

        http.Authorize(marketer);
        var segment = await PostAsync(http, "/api/segments", """{"name":"Everyone with e-mail","definition":{"match":"all","conditions":[{"field":"consent","op":"eq","value":"email"}]}}""", ct);
        var campaign = await PostAsync(http, "/api/campaigns",
            $$$"""{"name":"Reconciliation","segmentId":{{{segment.GetProperty("id").GetInt64()}}},"channel":"email","messageTemplate":"Hi {{first_name | there}}"}""", ct);
        var id = campaign.GetProperty("id").GetInt64();
        http.Authorize(approver);
        var launch = await PostAsync(http, $"/api/campaigns/{id}/launch", "", ct);
        Assert.Equal(TestUsers.UserName("approver"), launch.GetProperty("approvedBy").GetString());
        var audience = launch.GetProperty("audienceSize").GetInt32();
        Assert.True(audience >= 10_000, $"audience {audience}");

        // Restart the CRM once receipts are flowing.
        await WaitUntilAsync(async () => (await Funnel(http, id, ct)).GetProperty("counts").GetProperty("sent").GetInt64() > 2_000, TimeSpan.FromMinutes(2), "receipts flowing");
        await _crm.StopAsync();
        await Task.Delay(1500, ct);
        await _crm.StartAsync();

        // Wait for the channel to have emitted everything and the CRM to have completed the campaign.
        JsonElement ledger = default;
        await WaitUntilAsync(async () =>
        {
            ledger = await http.GetFromJsonAsync<JsonElement>($"{_channel.Url}/v1/ledger/{id}", ct);
            return ledger.GetProperty("complete").GetBoolean() && ledger.GetProperty("messages").GetInt64() == audience;
        }, TimeSpan.FromMinutes(3), "ledger complete");
        await WaitUntilAsync(async () => (await Funnel(http, id, ct)).GetProperty("status").GetString() == "completed", TimeSpan.FromMinutes(2), "campaign completed");

        var funnel = (await Funnel(http, id, ct)).GetProperty("counts");
        // The ledger's cumulative view (a stage counts every message whose furthest event is it or later), like the CRM's.
        var events = ledger.GetProperty("funnel");
        Assert.Equal(0, ledger.GetProperty("receipts_dropped").GetInt64());
        Assert.True(ledger.GetProperty("duplicates").GetInt64() >= 0);
        Assert.Equal(audience, funnel.GetProperty("queued").GetInt64());
        Assert.Equal(audience, funnel.GetProperty("dispatched").GetInt64());
        foreach (var stage in new[] { "sent", "delivered", "opened", "read", "clicked", "converted", "failed" })
        {
            Assert.True(events.GetProperty(stage).GetInt64() == funnel.GetProperty(stage).GetInt64(),
                $"{stage}: ledger {events.GetProperty(stage).GetInt64()}, funnel {funnel.GetProperty(stage).GetInt64()}");
            Assert.True(events.GetProperty(stage).GetInt64() > 0 || stage == "failed", $"no {stage} at all");
        }

        Assert.Equal(ledger.GetProperty("revenue").GetDecimal(), funnel.GetProperty("revenue").GetDecimal());
        // Nobody received two messages: the channel accepted exactly one message per recipient.
        Assert.Equal(audience, ledger.GetProperty("messages").GetInt64());
        Assert.True(events.GetProperty("converted").GetInt64() > 0);
    }

    private async Task<JsonElement> PostAsync(HttpClient http, string path, string json, CancellationToken ct)
    {
        using var response = await http.PostAsync(_crm.Url + path, new StringContent(json, Encoding.UTF8, "application/json"), ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private Task<JsonElement> Funnel(HttpClient http, long id, CancellationToken ct) =>
        http.GetFromJsonAsync<JsonElement>($"{_crm.Url}/api/campaigns/{id}/funnel", ct);

    private async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if (await condition())
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // A service restarting.
            }

            await Task.Delay(250);
        }

        Assert.Fail($"timed out waiting for {what}\n{string.Join('\n', _crm.Output.TakeLast(40))}\n{string.Join('\n', _channel.Output.TakeLast(40))}");
    }
}
