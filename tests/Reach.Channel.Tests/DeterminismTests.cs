using Reach.Channel.Ledger;
using Reach.Channel.Tests.Infrastructure;

namespace Reach.Channel.Tests;

/// <summary>A seed makes a run reproducible, whatever the order and batching of the messages.</summary>
public sealed class DeterminismTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Two_runs_with_the_same_seed_produce_the_same_ledger_in_any_arrival_order()
    {
        await using var receiver = await CallbackReceiver.StartAsync(Ct);
        var ids = Batches.Ids(400_001, 1000).ToArray();

        var first = await RunAsync("7", receiver, ids.Chunk(250));
        var second = await RunAsync("7", receiver, ids.Reverse().Chunk(333));
        var other = await RunAsync("8", receiver, ids.Chunk(1000));

        Assert.Equal(first.Events, second.Events);
        Assert.Equal(first.Funnel, second.Funnel);
        Assert.Equal(first.Revenue, second.Revenue);
        Assert.Equal(
            first.Communications!.Select(c => (c.CommunicationId, c.Stage, c.Reason, c.OrderValue)),
            second.Communications!.Select(c => (c.CommunicationId, c.Stage, c.Reason, c.OrderValue)));
        Assert.NotEqual(first.Revenue, other.Revenue);
    }

    private static async Task<LedgerResponse> RunAsync(string seed, CallbackReceiver receiver, IEnumerable<long[]> batches)
    {
        await using var channel = new ChannelFactory(new Dictionary<string, string?> { ["Reach:Channel:Seed"] = seed, ["Reach:Channel:TimeScale"] = "0" });
        foreach (var batch in batches)
        {
            using var response = await channel.PostBatchAsync(Batches.Json(401, receiver.Url, batch), Ct);
            Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
        }

        await channel.WaitForCompleteAsync(401, Ct);
        return (await channel.GetLedgerAsync(401, Ct, detail: true))!;
    }
}
