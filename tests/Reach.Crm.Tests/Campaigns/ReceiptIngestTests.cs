using System.Net;
using System.Net.Http.Json;
using Reach.Crm.Campaigns;
using Reach.Crm.Campaigns.Funnel;
using Reach.Crm.Receipts;
using Reach.ServiceDefaults.Webhooks;

namespace Reach.Crm.Tests.Campaigns;

/// <summary>The receipt webhook: signatures, malformed bodies, unknown ids, duplicates and reordering, exactly-once funnel.</summary>
public sealed class ReceiptIngestTests(CampaignFixture crm) : IClassFixture<CampaignFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(long CampaignId, List<long> Ids)> LaunchAsync(string channel = "email")
    {
        var draft = await crm.DraftAsync("""{"match":"all","conditions":[{"field":"order_count","op":"gte","value":3}]}""", channel);
        using var client = crm.CreateClient();
        using var launch = await client.PostAsync($"/api/campaigns/{draft.Id}/launch", null, Ct);
        Assert.Equal(HttpStatusCode.OK, launch.StatusCode);
        return (draft.Id, await crm.CommunicationIdsAsync(draft.Id));
    }

    private async Task<FunnelSnapshot> FunnelAsync(long id)
    {
        using var client = crm.CreateClient();
        return (await client.GetFromJsonAsync<FunnelSnapshot>($"/api/campaigns/{id}/funnel", Ct))!;
    }

    private Task<long> EventCountAsync() => crm.ScalarAsync<long>("SELECT count(*) FROM receipt_events");

    [Fact]
    public async Task Bad_signature_old_timestamp_or_malformed_body_change_nothing()
    {
        var (_, ids) = await LaunchAsync();
        var body = CampaignFixture.Receipts([CampaignFixture.Event("e-sig-1", ids[0], "sent", DateTimeOffset.UtcNow)]);
        var before = await EventCountAsync();

        using var wrongKey = await crm.PostReceiptsAsync(body, new StandardWebhook("not-the-secret"));
        Assert.Equal(HttpStatusCode.Unauthorized, wrongKey.StatusCode);
        using var old = await crm.PostReceiptsAsync(body, at: DateTimeOffset.UtcNow.AddMinutes(-10));
        Assert.Equal(HttpStatusCode.Unauthorized, old.StatusCode);
        Assert.Contains("s off", await old.Content.ReadAsStringAsync(Ct));
        using var unsigned = await crm.PostReceiptsAsync(body, sign: false);
        Assert.Equal(HttpStatusCode.Unauthorized, unsigned.StatusCode);
        using var malformed = await crm.PostReceiptsAsync("[{\"event_id\":\"e-bad\",\"communication_id\":1,\"type\":\"teleported\",\"occurred_at\":\"2026-01-01T00:00:00Z\"}]");
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Contains("type 'teleported' is not allowed", await malformed.Content.ReadAsStringAsync(Ct));
        using var notJson = await crm.PostReceiptsAsync("{oops");
        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);

        Assert.Equal(before, await EventCountAsync());
    }

    [Fact]
    public async Task Unknown_communications_are_counted_and_the_rest_applied()
    {
        var (campaign, ids) = await LaunchAsync();
        var now = DateTimeOffset.UtcNow;
        using var response = await crm.PostReceiptsAsync(CampaignFixture.Receipts([
            CampaignFixture.Event("e-unk-1", ids[0], "sent", now),
            CampaignFixture.Event("e-unk-2", 987_654_321, "sent", now),
            CampaignFixture.Event("e-unk-3", ids[1], "delivered", now),
        ]));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(new ReceiptBatchResult(2, 0, 1), await response.Content.ReadFromJsonAsync<ReceiptBatchResult>(Ct));
        var funnel = await FunnelAsync(campaign);
        Assert.Equal(2, funnel.Counts.Sent);
        Assert.Equal(1, funnel.Counts.Delivered);
        Assert.Equal(2, funnel.Counts.Dispatched); // a receipt is evidence of dispatch
    }

    [Fact]
    public async Task Duplicates_and_reordering_give_the_exact_funnel()
    {
        var (campaign, ids) = await LaunchAsync("whatsapp");
        Assert.True(ids.Count >= 50, $"only {ids.Count} recipients");
        var rng = new Random(11);
        var t0 = DateTimeOffset.UtcNow.AddMinutes(-3);
        var events = new List<(string Id, long Comm, string Type, DateTimeOffset At, decimal? Value, string? Reason)>();
        var expected = new long[8];
        long expectedFailed = 0;
        decimal revenue = 0;
        foreach (var id in ids)
        {
            var furthest = rng.Next(2, 8); // sent … converted
            var failed = furthest == 2 && rng.NextDouble() < 0.5;
            for (var stage = 2; stage <= furthest; stage++)
            {
                var type = CommunicationStage.Name((short)stage);
                decimal? value = type == "converted" ? Math.Round(399m + (decimal)rng.NextDouble() * 2100m, 2) : null;
                events.Add(($"e-{id}-{type}", id, type, t0.AddSeconds(stage * 10), value, null));
                revenue += value ?? 0;
            }

            if (failed)
            {
                events.Add(($"e-{id}-failed", id, "failed", t0.AddSeconds(25), null, "carrier_rejected"));
                expectedFailed++;
            }

            for (var s = 1; s <= furthest; s++)
            {
                expected[s]++;
            }
        }

        // A failure reported for a delivered message does not count: delivery evidence wins.
        var delivered = ids.First(id => events.Any(e => e.Comm == id && e.Type == "read"));
        events.Add(($"e-{delivered}-failed", delivered, "failed", t0.AddSeconds(26), null, "mailbox_full"));

        // Shuffle (later stages before earlier ones), duplicate ~10%, and send in 7 batches, some twice.
        var sendList = events.Concat(events.Where(_ => rng.NextDouble() < 0.1)).OrderBy(_ => rng.Next()).ToList();
        var batches = sendList.Chunk(Math.Max(1, sendList.Count / 7)).ToList();
        var applied = 0;
        foreach (var batch in batches.Concat(batches.Take(2)))
        {
            using var r = await crm.PostReceiptsAsync(CampaignFixture.Receipts(batch.Select(e => CampaignFixture.Event(e.Id, e.Comm, e.Type, e.At, e.Value, e.Reason))));
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            applied += (await r.Content.ReadFromJsonAsync<ReceiptBatchResult>(Ct))!.Applied;
        }

        Assert.Equal(events.Count, applied);
        var funnel = (await FunnelAsync(campaign)).Counts;
        Assert.Equal(ids.Count, funnel.Queued);
        Assert.Equal([expected[1], expected[2], expected[3], expected[4], expected[5], expected[6], expected[7]],
            new[] { funnel.Dispatched, funnel.Sent, funnel.Delivered, funnel.Opened, funnel.Read, funnel.Clicked, funnel.Converted });
        Assert.Equal(expectedFailed, funnel.Failed);
        Assert.Equal(revenue, funnel.Revenue);

        // The counters equal a full recount of the communications.
        Assert.Equal(expected[3], await crm.ScalarAsync<long>("SELECT count(*) FROM communications WHERE campaign_id = @c AND stage >= 3", ("c", campaign)));
        Assert.Equal(revenue, await crm.ScalarAsync<decimal>("SELECT coalesce(sum(conversion_value), 0) FROM communications WHERE campaign_id = @c", ("c", campaign)));
        var minutes = (await FunnelAsync(campaign)).Series;
        Assert.Equal(expected[2], minutes.Sum(m => m.Sent));
        Assert.Equal(revenue, minutes.Sum(m => m.Revenue));

        // Per-recipient view agrees.
        using var client = crm.CreateClient();
        var page = await client.GetFromJsonAsync<Page<RecipientResponse>>($"/api/campaigns/{campaign}/recipients?stage=converted&limit=500", Ct);
        Assert.Equal(expected[7], page!.Items.Count);
        Assert.All(page.Items, r => Assert.NotNull(r.ConversionValue));
    }
}
