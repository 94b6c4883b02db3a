using System.Net;
using System.Net.ServerSentEvents;
using System.Text.Json;
using Reach.Crm.Campaigns.Funnel;

namespace Reach.Crm.Tests.Campaigns;

/// <summary>The funnel's Server-Sent Events stream moves as receipts arrive, driven by PostgreSQL NOTIFY, without polling.</summary>
public sealed class FunnelStreamTests(CampaignFixture crm) : IClassFixture<CampaignFixture>
{
    [Fact]
    public async Task The_stream_shows_the_funnel_move_as_receipts_arrive()
    {
        var ct = TestContext.Current.CancellationToken;
        var draft = await crm.DraftAsync("""{"match":"all","conditions":[{"field":"tag","op":"eq","value":"vip"}]}""", "email");
        using var client = crm.CreateClient();
        using (var launch = await client.PostAsync($"/api/campaigns/{draft.Id}/launch", null, ct))
        {
            Assert.Equal(HttpStatusCode.OK, launch.StatusCode);
        }

        var ids = await crm.CommunicationIdsAsync(draft.Id);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        using var response = await client.GetAsync($"/api/campaigns/{draft.Id}/funnel/stream", HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        await using var stream = await response.Content.ReadAsStreamAsync(timeout.Token);
        var snapshots = SseParser.Create(stream, (type, data) => JsonSerializer.Deserialize<FunnelSnapshot>(data, JsonSerializerOptions.Web)!)
            .EnumerateAsync(timeout.Token).GetAsyncEnumerator(timeout.Token);

        Assert.True(await snapshots.MoveNextAsync());
        Assert.Equal("funnel", snapshots.Current.EventType);
        Assert.Equal(0, snapshots.Current.Data.Counts.Delivered);
        var received = 1;

        // Three receipt batches; after each the stream must show the new total within the coalescing window.
        var now = DateTimeOffset.UtcNow;
        for (var step = 1; step <= 3; step++)
        {
            var batch = ids.Skip((step - 1) * 5).Take(5).Select(id => CampaignFixture.Event($"sse-{id}", id, "delivered", now));
            using (var post = await crm.PostReceiptsAsync(CampaignFixture.Receipts(batch)))
            {
                Assert.Equal(HttpStatusCode.OK, post.StatusCode);
            }

            var want = Math.Min(step * 5, ids.Count);
            long seen;
            do
            {
                Assert.True(await snapshots.MoveNextAsync(), "the stream ended");
                received++;
                seen = snapshots.Current.Data.Counts.Delivered;
            }
            while (seen < want);

            Assert.Equal(want, seen);
        }

        // Pushed, not polled: a handful of snapshots (one per change, coalesced), not a stream of repeats.
        Assert.InRange(received, 4, 10);
    }
}
