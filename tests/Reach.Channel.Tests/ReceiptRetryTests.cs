using Reach.Channel.Tests.Infrastructure;

namespace Reach.Channel.Tests;

/// <summary>Receipt batch retries against a real callback: transient failures are retried, other 4xx never, old batches given up.</summary>
public sealed class ReceiptRetryTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Batches_answered_503_are_retried_until_every_event_arrives()
    {
        await using var receiver = await CallbackReceiver.StartAsync(Ct);
        receiver.Respond = n => n <= 6 ? (503, null) : (200, null);
        await using var channel = new ChannelFactory(new Dictionary<string, string?>
        {
            ["Reach:Channel:Seed"] = "3",
            ["Reach:Channel:Faults:TransientFailureRate"] = "0", // so each batch is acknowledged exactly once
        });

        using var response = await channel.PostBatchAsync(Batches.Json(301, receiver.Url, Batches.Ids(301_000, 300)), Ct);
        var ledger = await channel.WaitForCompleteAsync(301, Ct);

        Assert.Equal(0, ledger.ReceiptsDropped);
        var refused = receiver.Batches.Where(b => b.Status == 503).ToList();
        Assert.Equal(6, refused.Count);

        // Each refused batch came again with the same webhook-id and body, and was finally acknowledged.
        foreach (var batch in refused)
        {
            var acknowledged = Assert.Single(receiver.Batches, b => b.WebhookId == batch.WebhookId && b.Status == 200);
            Assert.True(batch.Body == acknowledged.Body, "the retried body differs");
        }

        var distinct = receiver.Acknowledged.Select(r => r.EventId).Distinct().Count();
        var e = ledger.Events;
        Assert.Equal(e.Sent + e.Delivered + e.Failed + e.Opened + e.Read + e.Clicked + e.Converted, distinct);
        Assert.All(receiver.Batches, b => Assert.Null(b.SignatureError));
    }

    [Fact]
    public async Task A_batch_answered_400_is_not_retried()
    {
        await using var receiver = await CallbackReceiver.StartAsync(Ct);
        receiver.Respond = _ => (400, null);
        await using var channel = new ChannelFactory(new Dictionary<string, string?> { ["Reach:Channel:Faults:TransientFailureRate"] = "0.5" });

        using var response = await channel.PostBatchAsync(Batches.Json(302, receiver.Url, Batches.Ids(302_000, 100)), Ct);
        var ledger = await channel.WaitForCompleteAsync(302, Ct);
        await Task.Delay(100, Ct);

        var batches = receiver.Batches;
        Assert.NotEmpty(batches);
        Assert.Equal(batches.Count, batches.Select(b => b.WebhookId).Distinct().Count());
        Assert.Equal(batches.Sum(b => b.Receipts.Count), ledger.ReceiptsDropped);
        Assert.Equal(0, ledger.InFlight);
    }

    [Fact]
    public async Task Retry_after_is_honoured()
    {
        await using var receiver = await CallbackReceiver.StartAsync(Ct);
        receiver.Respond = n => n == 1 ? (429, 1) : (200, null);
        await using var channel = new ChannelFactory(new Dictionary<string, string?>
        {
            ["Reach:Channel:TimeScale"] = "0",
            ["Reach:Channel:Faults:DuplicateRate"] = "0",
            ["Reach:Channel:Faults:HoldBackRate"] = "0",
            ["Reach:Channel:Faults:TransientFailureRate"] = "0",
        });

        using var response = await channel.PostBatchAsync(Batches.Json(303, receiver.Url, Batches.Ids(303_000, 5)), Ct);
        await channel.WaitForCompleteAsync(303, Ct);

        var first = receiver.Batches.Single(b => b.Sequence == 1);
        var retried = Assert.Single(receiver.Batches, b => b.WebhookId == first.WebhookId && b.Sequence > 1);
        Assert.True(retried.ReceivedAt - first.ReceivedAt >= TimeSpan.FromSeconds(0.9), $"retried after {(retried.ReceivedAt - first.ReceivedAt).TotalMilliseconds} ms");
    }

    [Fact]
    public async Task Batches_still_failing_after_the_maximum_age_are_dropped()
    {
        await using var receiver = await CallbackReceiver.StartAsync(Ct);
        receiver.Respond = _ => (503, null);
        await using var channel = new ChannelFactory(new Dictionary<string, string?>
        {
            ["Reach:Channel:Receipts:MaxAgeSeconds"] = "0.5",
            ["Reach:Channel:Receipts:RetryBaseDelayMs"] = "20000", // × 0.001 = 20 ms
            ["Reach:Channel:Receipts:RetryMaxDelayMs"] = "100000", // × 0.001 = 100 ms
        });

        using var response = await channel.PostBatchAsync(Batches.Json(304, receiver.Url, Batches.Ids(304_000, 20)), Ct);
        var ledger = await channel.WaitForCompleteAsync(304, Ct);

        Assert.True(ledger.ReceiptsDropped > 0);
        Assert.Equal(0, ledger.InFlight);
        Assert.Contains(receiver.Batches.GroupBy(b => b.WebhookId), g => g.Count() > 1);
        Assert.All(receiver.Batches.GroupBy(b => b.WebhookId), g => Assert.True(g.Max(b => b.ReceivedAt) - g.Min(b => b.ReceivedAt) < TimeSpan.FromSeconds(3)));
    }

    [Fact]
    public async Task A_lost_acknowledgement_makes_the_callback_see_the_same_batch_again()
    {
        await using var receiver = await CallbackReceiver.StartAsync(Ct);
        await using var channel = new ChannelFactory(new Dictionary<string, string?> { ["Reach:Channel:Faults:TransientFailureRate"] = "0.5" });

        using var response = await channel.PostBatchAsync(Batches.Json(305, receiver.Url, Batches.Ids(305_000, 200)), Ct);
        var ledger = await channel.WaitForCompleteAsync(305, Ct);

        Assert.Equal(0, ledger.ReceiptsDropped);
        var repeated = receiver.Batches.GroupBy(b => b.WebhookId).Where(g => g.Count() > 1).ToList();
        Assert.NotEmpty(repeated);
        Assert.All(repeated, g => Assert.True(g.Select(b => b.Body).Distinct().Count() == 1, "a repeated batch changed its body"));
        Assert.All(repeated, g => Assert.True(g.All(b => b.Status == 200)));
    }
}
