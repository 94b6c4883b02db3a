using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Reach.Channel.Tests.Infrastructure;

namespace Reach.Channel.Tests;

/// <summary><c>POST /v1/messages:batch</c>: signature, validation, limits and de-duplication (ARCHITECTURE §7).</summary>
public sealed class MessagesApiTests(ChannelFixture fixture) : IClassFixture<ChannelFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_signed_batch_is_accepted_and_played()
    {
        using var response = await fixture.Channel.PostBatchAsync(Batches.Json(101, fixture.Receiver.Url, Batches.Ids(101_000, 3)), Ct);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("/v1/ledger/101", response.Headers.Location?.OriginalString);
        using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal(3, answer.RootElement.GetProperty("accepted").GetInt32());
        Assert.Equal(0, answer.RootElement.GetProperty("duplicates").GetInt32());
        Assert.StartsWith("b_", answer.RootElement.GetProperty("batch_id").GetString());

        var ledger = await fixture.Channel.WaitForCompleteAsync(101, Ct);
        Assert.Equal(3, ledger.Messages);
        Assert.Equal(3, ledger.Events.Sent);
        Assert.Equal(3, ledger.Events.Delivered + ledger.Events.Failed);
        var received = fixture.Receiver.Acknowledged.Where(r => r.CommunicationId is >= 101_000 and < 101_003).ToList();
        Assert.Equal(3, received.Count(r => r.Type == "sent"));
        Assert.All(fixture.Receiver.Batches, b => Assert.Null(b.SignatureError));
    }

    [Fact]
    public async Task Receipts_are_a_snake_case_json_array_without_nulls()
    {
        using var response = await fixture.Channel.PostBatchAsync(Batches.Json(102, fixture.Receiver.Url, [102_000]), Ct);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await fixture.Channel.WaitForCompleteAsync(102, Ct);

        var batch = fixture.Receiver.Batches.First(b => b.Receipts.Any(r => r.EventId == "evt_102000_sent"));
        Assert.StartsWith("rb_", batch.WebhookId);
        using var body = JsonDocument.Parse(batch.Body);
        var sent = body.RootElement.EnumerateArray().First(e => e.GetProperty("communication_id").GetInt64() == 102_000 && e.GetProperty("type").GetString() == "sent");
        Assert.Equal(["communication_id", "event_id", "occurred_at", "type"], sent.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal("evt_102000_sent", sent.GetProperty("event_id").GetString());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,3})?Z$", sent.GetProperty("occurred_at").GetString());
    }

    [Fact]
    public async Task A_wrong_signature_is_refused_and_nothing_is_played()
    {
        using var response = await fixture.Channel.PostBatchAsync(Batches.Json(103, fixture.Receiver.Url, [103_000]), Ct, secret: "another-secret");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("no valid v1 signature", await response.Content.ReadAsStringAsync(Ct));
        await AssertNothingPlayedAsync(103, 103_000);
    }

    [Fact]
    public async Task An_old_timestamp_is_refused_and_nothing_is_played()
    {
        using var response = await fixture.Channel.PostBatchAsync(Batches.Json(104, fixture.Receiver.Url, [104_000]), Ct, at: DateTimeOffset.UtcNow.AddMinutes(-6));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("s off", await response.Content.ReadAsStringAsync(Ct));
        await AssertNothingPlayedAsync(104, 104_000);
    }

    [Fact]
    public async Task An_unsigned_batch_is_refused()
    {
        using var response = await fixture.Channel.PostBatchAsync(Batches.Json(105, fixture.Receiver.Url, [105_000]), Ct, secret: null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("missing webhook-id", await response.Content.ReadAsStringAsync(Ct));
        await AssertNothingPlayedAsync(105, 105_000);
    }

    [Theory]
    [InlineData("{", "not a valid send batch")]
    [InlineData("[]", "not a valid send batch")]
    [InlineData("""{"campaign_id":106,"channel":"whatsapp","callback_url":"http://127.0.0.1:1/r","messages":[]}""", "batch_id")]
    [InlineData("""{"batch_id":"b","campaign_id":106,"channel":"fax","callback_url":"http://127.0.0.1:1/r","messages":[{"communication_id":106000,"to":"x","body":"y"}]}""", "channel 'fax' is not supported")]
    [InlineData("""{"batch_id":"b","campaign_id":106,"channel":"sms","callback_url":"http://127.0.0.1:1/r","messages":[{"communication_id":"106000","to":"x","body":"y"}]}""", "communication_id")]
    [InlineData("""{"batch_id":"b","campaign_id":106,"channel":"sms","callback_url":"http://127.0.0.1:1/r","messages":[{"communication_id":106000,"body":"y"}]}""", "'to'")]
    [InlineData("""{"batch_id":"b","campaign_id":106,"channel":"sms","callback_url":"http://127.0.0.1:1/r","messages":[{"communication_id":106000,"to":" ","body":"y"}]}""", "messages[0].to is empty")]
    [InlineData("""{"batch_id":"b","campaign_id":106,"channel":"sms","callback_url":"/relative","messages":[{"communication_id":106000,"to":"x","body":"y"}]}""", "callback_url")]
    [InlineData("""{"batch_id":"b","campaign_id":106,"channel":"sms","callback_url":"http://127.0.0.1:1/r","currency":"XYZ","messages":[{"communication_id":106000,"to":"x","body":"y"}]}""", "currency 'XYZ'")]
    [InlineData("""{"batch_id":"b","campaign_id":0,"channel":"sms","callback_url":"http://127.0.0.1:1/r","messages":[{"communication_id":106000,"to":"x","body":"y"}]}""", "campaign_id")]
    public async Task A_malformed_batch_is_refused_with_the_reason_and_nothing_is_played(string json, string reason)
    {
        using var response = await fixture.Channel.PostBatchAsync(json, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Contains(reason, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await AssertNothingPlayedAsync(106, 106_000);
    }

    [Fact]
    public async Task More_messages_than_the_limit_are_refused()
    {
        using var response = await fixture.Channel.PostBatchAsync(Batches.Json(107, fixture.Receiver.Url, Batches.Ids(107_000, 6)), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("at most 5 messages", await response.Content.ReadAsStringAsync(Ct));
        await AssertNothingPlayedAsync(107, 107_000);
    }

    [Fact]
    public async Task A_body_over_the_limit_is_refused()
    {
        var json = Batches.Json(108, fixture.Receiver.Url, [108_000]).Replace("Hello 108000", new string('x', 70_000), StringComparison.Ordinal);
        using var response = await fixture.Channel.PostBatchAsync(json, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("larger than 65,536 bytes", await response.Content.ReadAsStringAsync(Ct));
        await AssertNothingPlayedAsync(108, 108_000);
    }

    [Fact]
    public async Task The_same_communication_id_is_counted_as_a_duplicate_and_played_once()
    {
        using (var first = await fixture.Channel.PostBatchAsync(Batches.Json(109, fixture.Receiver.Url, [109_001, 109_001, 109_002]), Ct))
        {
            using var answer = JsonDocument.Parse(await first.Content.ReadAsStringAsync(Ct));
            Assert.Equal(2, answer.RootElement.GetProperty("accepted").GetInt32());
            Assert.Equal(1, answer.RootElement.GetProperty("duplicates").GetInt32());
        }

        // A re-sent batch (a CRM retry after a crash) and a later batch of another campaign reusing an id.
        using (var again = await fixture.Channel.PostBatchAsync(Batches.Json(109, fixture.Receiver.Url, [109_001, 109_003]), Ct))
        {
            using var answer = JsonDocument.Parse(await again.Content.ReadAsStringAsync(Ct));
            Assert.Equal(1, answer.RootElement.GetProperty("accepted").GetInt32());
            Assert.Equal(1, answer.RootElement.GetProperty("duplicates").GetInt32());
        }

        using (var other = await fixture.Channel.PostBatchAsync(Batches.Json(110, fixture.Receiver.Url, [109_002]), Ct))
        {
            using var answer = JsonDocument.Parse(await other.Content.ReadAsStringAsync(Ct));
            Assert.Equal(0, answer.RootElement.GetProperty("accepted").GetInt32());
        }

        var ledger = await fixture.Channel.WaitForCompleteAsync(109, Ct);
        Assert.Equal(3, ledger.Messages);
        Assert.Equal(2, ledger.Duplicates);
        Assert.Equal(3, ledger.Events.Sent);
        Assert.Single(fixture.Receiver.Acknowledged, r => r.EventId == "evt_109001_sent");
        Assert.Equal(0, (await fixture.Channel.GetLedgerAsync(110, Ct))!.Messages);
    }

    [Fact]
    public async Task The_colon_in_the_route_is_a_literal()
    {
        var client = fixture.Channel.CreateClient();
        using var colon = await client.PostAsync("/v1/messages:batch", new StringContent("{}"), Ct);
        using var without = await client.PostAsync("/v1/messages", new StringContent("{}"), Ct);
        using var other = await client.PostAsync("/v1/messages:send", new StringContent("{}"), Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, colon.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, without.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
    }

    [Fact]
    public async Task An_unknown_campaign_has_no_ledger()
    {
        using var response = await fixture.Channel.CreateClient().GetAsync("/v1/ledger/999999", Ct);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private async Task AssertNothingPlayedAsync(long campaignId, long communicationId)
    {
        await Task.Delay(100, Ct); // time scale 0: anything played would have arrived by now
        Assert.Null(await fixture.Channel.GetLedgerAsync(campaignId, Ct));
        Assert.DoesNotContain(fixture.Receiver.Batches.SelectMany(b => b.Receipts), r => r.CommunicationId == communicationId);
    }
}
