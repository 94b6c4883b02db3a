using System.Collections.Concurrent;
using System.Diagnostics;
using Reach.Channel.Tests.Infrastructure;

namespace Reach.Channel.Tests;

/// <summary>Each receipt batch is its own trace, linked to the send batch that caused it (ARCHITECTURE §11).</summary>
public sealed class TracingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Receipt_batches_are_root_spans_linked_to_the_send_batch_trace()
    {
        var stopped = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "Reach.Channel" or "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);

        await using var receiver = await CallbackReceiver.StartAsync(Ct);
        await using var channel = new ChannelFactory();
        var traceId = ActivityTraceId.CreateRandom();
        var traceparent = $"00-{traceId.ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01";

        using var response = await channel.PostBatchAsync(Batches.Json(601, receiver.Url, Batches.Ids(601_000, 20)), Ct, traceparent: traceparent);
        await channel.WaitForCompleteAsync(601, Ct);

        var intake = Assert.Single(stopped, a => a.OperationName == "accept message batch" && a.TraceId == traceId);
        Assert.Equal(20, intake.GetTagItem("reach.messages"));
        var sends = stopped.Where(a => a.OperationName == "send receipts" && a.Links.Any(l => l.Context.TraceId == traceId)).ToList();
        Assert.NotEmpty(sends);
        Assert.All(sends, a =>
        {
            Assert.NotEqual(traceId, a.TraceId);
            Assert.Equal(default, a.ParentSpanId);
            Assert.Contains(a.Links, l => l.Context.SpanId == intake.SpanId);
        });
    }
}
