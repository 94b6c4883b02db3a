using Reach.Channel.Ledger;
using Reach.Channel.Tests.Infrastructure;

namespace Reach.Channel.Tests;

/// <summary>Whole campaigns played at time scale 0.001 against a real callback: completeness, consistency, faults, proportions.</summary>
public sealed class LifecycleTests
{
    private static readonly string[] Reasons = ["invalid_number", "unsubscribed", "carrier_rejected", "mailbox_full"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Two_thousand_whatsapp_messages_reach_a_terminal_stage_and_every_ledger_event_arrives()
    {
        await using var receiver = await CallbackReceiver.StartAsync(Ct);
        await using var channel = new ChannelFactory(new Dictionary<string, string?> { ["Reach:Channel:Seed"] = "42" });
        const long campaign = 201;

        var accepted = 0;
        foreach (var chunk in Batches.Ids(1, 2000).Chunk(500))
        {
            using var response = await channel.PostBatchAsync(Batches.Json(campaign, receiver.Url, chunk), Ct);
            Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
            accepted += chunk.Length;
        }

        var ledger = await channel.WaitForCompleteAsync(campaign, Ct);

        // The ledger: every message reached a terminal stage, nothing pending, nothing lost.
        Assert.Equal(2000, ledger.Messages);
        Assert.Equal(0, ledger.Pending);
        Assert.Equal(0, ledger.InFlight);
        Assert.Equal(0, ledger.ReceiptsDropped);
        Assert.Equal(2000, ledger.Events.Sent);
        Assert.Equal(2000, ledger.Events.Delivered + ledger.Events.Failed);

        // Every request was signed; batches respect the size limit.
        var batches = receiver.Batches;
        Assert.All(batches, b => Assert.Null(b.SignatureError));
        Assert.All(batches, b => Assert.InRange(b.Receipts.Count, 1, 500));

        // The callback saw every ledger event at least once, and no other.
        var received = receiver.Acknowledged;
        var distinct = received.GroupBy(r => r.EventId).Select(g => g.First()).ToList();
        Assert.Equal(Total(ledger.Events), distinct.Count);
        Assert.Equal(ledger.Events, CountByType(distinct));
        Assert.All(distinct, r => Assert.Equal($"evt_{r.CommunicationId}_{r.Type}", r.EventId));

        // Duplicates were injected: the same event id again in another batch (a lost acknowledgement re-sends the same
        // batch instead), and the copies are identical.
        var duplicated = batches.Where(b => b.Status == 200)
            .SelectMany(b => b.Receipts.Select(r => (Receipt: r, b.WebhookId)))
            .GroupBy(x => x.Receipt.EventId)
            .Where(g => g.Select(x => x.WebhookId).Distinct().Count() > 1)
            .ToList();
        Assert.InRange(duplicated.Count, distinct.Count / 50, distinct.Count / 10);
        Assert.All(duplicated, g => Assert.Single(g.Select(x => x.Receipt).Distinct()));

        // Reordering: for some message, a later stage arrived before an earlier one.
        var firstArrival = batches.SelectMany(b => b.Receipts.Select(r => (r.EventId, b.Sequence)))
            .GroupBy(x => x.EventId).ToDictionary(g => g.Key, g => g.Min(x => x.Sequence));
        var reordered = distinct.GroupBy(r => r.CommunicationId).Count(m =>
        {
            var ordered = m.OrderBy(r => Rank(r.Type)).Select(r => firstArrival[r.EventId]).ToList();
            return ordered.Zip(ordered.Skip(1)).Any(p => p.Second < p.First);
        });
        Assert.True(reordered > 0, "no message's receipts arrived out of order");

        // Each message's stages are consistent.
        var byMessage = distinct.GroupBy(r => r.CommunicationId).ToDictionary(g => g.Key, g => g.ToDictionary(r => r.Type));
        Assert.Equal(2000, byMessage.Count);
        foreach (var (id, events) in byMessage)
        {
            Assert.True(events.ContainsKey("sent"), $"{id} has no sent");
            Assert.False(events.ContainsKey("delivered") && events.ContainsKey("failed"), $"{id} both delivered and failed");
            Assert.True(events.ContainsKey("delivered") || events.ContainsKey("failed"), $"{id} neither delivered nor failed");
            Assert.True(!events.ContainsKey("opened") || events.ContainsKey("delivered"), $"{id} opened without delivery");
            Assert.True(!events.ContainsKey("read") || events.ContainsKey("opened"), $"{id} read without opened");
            Assert.True(!events.ContainsKey("clicked") || events.ContainsKey("opened"), $"{id} clicked without opened");
            Assert.True(!events.ContainsKey("converted") || events.ContainsKey("clicked"), $"{id} converted without click");
            if (events.TryGetValue("failed", out var failed))
            {
                Assert.Contains(failed.Reason, Reasons);
            }

            if (events.TryGetValue("converted", out var converted))
            {
                Assert.Equal("INR", converted.Currency);
                Assert.InRange(converted.OrderValue!.Value, 399m, 2499m);
                Assert.Equal(converted.OrderValue.Value, Math.Round(converted.OrderValue.Value, 2));
            }

            // Timestamps follow the lifecycle order.
            var times = events.Values.OrderBy(r => Rank(r.Type)).Select(r => r.OccurredAt).ToList();
            Assert.Equal(times.Order(), times);
        }

        Assert.All(distinct.Where(r => r.Type is not ("failed" or "converted")), r => Assert.True(r.Reason is null && r.OrderValue is null && r.Currency is null));
        Assert.Equal(ledger.Revenue, distinct.Where(r => r.Type == "converted").Sum(r => r.OrderValue!.Value));

        // Proportions near ARCHITECTURE §7 (whatsapp: 0.95, 0.70, 0.90, 0.35, 0.22).
        var e = ledger.Events;
        Assert.InRange((double)e.Delivered / e.Sent, 0.92, 0.98);
        Assert.InRange((double)e.Opened / e.Delivered, 0.65, 0.75);
        Assert.InRange((double)e.Read / e.Opened, 0.86, 0.94);
        Assert.InRange((double)e.Clicked / e.Opened, 0.29, 0.41);
        Assert.InRange((double)e.Converted / e.Clicked, 0.13, 0.31);

        // The cumulative funnel and the detail agree with what the callback saw.
        Assert.Equal(byMessage.Count(m => m.Value.Keys.Any(t => Rank(t) >= Rank("read") && t != "failed")), ledger.Funnel.Read);
        Assert.Equal(e.Delivered, ledger.Funnel.Delivered);
        Assert.Equal(e.Failed, ledger.Funnel.Failed);
        var detail = await channel.GetLedgerAsync(campaign, Ct, detail: true);
        Assert.Equal(2000, detail!.Communications!.Count);
        Assert.Null(detail.NextAfter);
        Assert.All(detail.Communications, c =>
        {
            var events = byMessage[c.CommunicationId];
            Assert.Equal(events.Keys.MaxBy(Rank), c.Stage);
            Assert.Equal(events.Keys.OrderBy(Rank), c.Events);
            Assert.Equal(events.TryGetValue("converted", out var converted) ? converted.OrderValue : null, c.OrderValue);
            Assert.Equal(events.TryGetValue("failed", out var failed) ? failed.Reason : null, c.Reason);
        });

        var page = await channel.GetLedgerAsync(campaign, Ct, detail: true, after: 100, limit: 50);
        Assert.Equal(Batches.Ids(101, 50), page!.Communications!.Select(c => c.CommunicationId));
        Assert.Equal(150, page.NextAfter);
    }

    [Fact]
    public async Task Sms_has_no_opens_and_order_values_are_scaled_to_the_batch_currency()
    {
        await using var receiver = await CallbackReceiver.StartAsync(Ct);
        await using var channel = new ChannelFactory(new Dictionary<string, string?> { ["Reach:Channel:Seed"] = "5", ["Reach:Channel:TimeScale"] = "0" });
        const long campaign = 202;

        using var response = await channel.PostBatchAsync(Batches.Json(campaign, receiver.Url, Batches.Ids(500_001, 3000), channel: "sms", currency: "gbp"), Ct);
        Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
        var ledger = await channel.WaitForCompleteAsync(campaign, Ct);

        Assert.Equal("sms", ledger.Channel);
        Assert.Equal("GBP", ledger.Currency);
        Assert.Equal(0, ledger.Events.Opened);
        Assert.Equal(0, ledger.Events.Read);
        Assert.InRange((double)ledger.Events.Delivered / ledger.Events.Sent, 0.96, 1.0);
        Assert.InRange((double)ledger.Events.Clicked / ledger.Events.Delivered, 0.15, 0.21);
        Assert.True(ledger.Events.Converted > 0);

        var conversions = receiver.Acknowledged.Where(r => r.Type == "converted").DistinctBy(r => r.EventId).ToList();
        Assert.Equal(ledger.Events.Converted, conversions.Count);
        Assert.All(conversions, c =>
        {
            Assert.Equal("GBP", c.Currency);
            Assert.InRange(c.OrderValue!.Value, Math.Round(399m / 105, 2), Math.Round(2499m / 105, 2));
        });
        Assert.Equal(ledger.Revenue, conversions.Sum(c => c.OrderValue!.Value));
    }

    private static long Total(LedgerEventCounts c) => c.Sent + c.Delivered + c.Failed + c.Opened + c.Read + c.Clicked + c.Converted;

    private static LedgerEventCounts CountByType(IEnumerable<ReceivedReceipt> receipts)
    {
        var counts = receipts.GroupBy(r => r.Type).ToDictionary(g => g.Key, g => (long)g.Count());
        long Get(string type) => counts.GetValueOrDefault(type);
        return new(Get("sent"), Get("delivered"), Get("failed"), Get("opened"), Get("read"), Get("clicked"), Get("converted"));
    }

    private static int Rank(string type) => type switch
    {
        "sent" => 1,
        "delivered" or "failed" => 2,
        "opened" => 3,
        "read" => 4,
        "clicked" => 5,
        "converted" => 6,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };
}
