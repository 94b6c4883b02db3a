using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Reach.Testing;

namespace Reach.EndToEnd.Tests;

/// <summary>
/// The README's walkthrough on the real Online Retail file, through the APIs, with the CRM and the channel as real
/// processes and a signed-in person at each step: an admin imports the file with the synthetic contact overlay, the
/// reference time is the day after the last invoice (2011-12-10), a marketer asks the copilot three real goals (each
/// staged draft's audience is the eval set's pinned size), an approver launches two of them, and each finished funnel
/// equals the channel's ledger.
/// </summary>
public sealed class OnlineRetailWalkthroughTests : IAsyncLifetime
{
    private ReachServices _services = null!;

    public async ValueTask InitializeAsync() =>
        _services = await ReachServices.StartAsync("walkthrough",
            new Dictionary<string, string> { ["Reach__Channel__TimeScale"] = "0.02", ["Reach__Channel__Seed"] = "11" },
            new Dictionary<string, string>
            {
                ["Reach__Currency"] = "GBP",
                ["Reach__Segmentation__AsOf"] = "2011-12-10T00:00:00Z",
                ["Reach__Dispatch__CompletionQuietSeconds"] = "3",
            });

    public async ValueTask DisposeAsync() => await _services.DisposeAsync();

    [Fact]
    public async Task Real_goals_on_Online_Retail_are_staged_launched_and_reconciled_with_the_channel()
    {
        var ct = TestContext.Current.CancellationToken;
        using var admin = await _services.SignedInClientAsync("admin", ct);
        using var marketer = await _services.SignedInClientAsync("marketer", ct);
        using var approver = await _services.SignedInClientAsync("approver", ct);

        // 1. Import the file as a newcomer would: a streamed upload, synthetic contacts for the customers.
        await using (var file = File.OpenRead(TestData.OnlineRetailCsv))
        {
            using var content = new StreamContent(file);
            content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
            var report = await _services.SendAsync(admin, HttpMethod.Post, "/api/ingest/orders?format=online-retail&contacts=synthetic", content, ct);
            Assert.Equal(4_372, report.GetProperty("customers").GetProperty("inserted").GetInt64());
            Assert.Equal(22_190, report.GetProperty("orders").GetProperty("inserted").GetInt64());
        }

        // 2. Three real goals through the copilot: each stages a draft whose audience is the eval set's.
        var staged = new Dictionary<string, JsonElement>();
        foreach (var (id, pinned) in new[] { ("g26", 25), ("g28", 309), ("g29", 56) })
        {
            var goal = EvalGoal.Load().Single(g => g.Id == id);
            var reply = await _services.SendAsync(marketer, HttpMethod.Post, "/api/copilot/chat",
                new StringContent(JsonSerializer.Serialize(new { message = goal.Goal }), Encoding.UTF8, "application/json"), ct);
            var segment = reply.GetProperty("segment");
            Assert.True(segment.ValueKind == JsonValueKind.Object, $"{id}: no segment saved: {reply}");
            Assert.Equal(pinned, segment.GetProperty("lastCount").GetInt32());
            var campaign = reply.GetProperty("stagedCampaign");
            Assert.True(campaign.ValueKind == JsonValueKind.Object, $"{id}: no campaign staged: {reply}");
            Assert.Equal("draft", campaign.GetProperty("status").GetString());
            Assert.Equal("GBP", campaign.GetProperty("currency").GetString());
            staged[id] = campaign;
        }

        // 3. Review (the copy rendered for real recipients), approve and launch two of them; watch each finish.
        foreach (var id in new[] { "g26", "g28" })
        {
            var campaignId = staged[id].GetProperty("id").GetInt64();
            var preview = await _services.SendAsync(approver, HttpMethod.Get, $"/api/campaigns/{campaignId}/preview", null, ct);
            Assert.NotEqual(JsonValueKind.Undefined, preview.ValueKind);
            var launch = await _services.PostAsync(approver, $"/api/campaigns/{campaignId}/launch", "", ct);
            Assert.Equal(TestUsers.UserName("approver"), launch.GetProperty("approvedBy").GetString());
            var audience = launch.GetProperty("audienceSize").GetInt32();
            Assert.InRange(audience, 1, id == "g26" ? 25 : 309);

            // 4. The finished funnel against the channel's ledger, stage by stage and in revenue.
            var (ledger, funnel) = await _services.WaitForCompletionAsync(approver, campaignId, audience, ct);
            ReachServices.AssertFunnelEqualsLedger(funnel, ledger, audience, id);
            Assert.True(funnel.GetProperty("counts").GetProperty("sent").GetInt64() > 0, $"{id}: nothing sent");
        }
    }
}
