using System.Net;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Reach.Web.Crm;

namespace Reach.Web.Tests.Crm;

/// <summary>The typed CRM client: the user's bearer token on every call, problem details as errors, the SSE funnel stream.</summary>
public sealed class CrmClientTests
{
    private sealed class Credentials(string? user, string? token) : ICrmCredentials
    {
        public Task<(string? UserName, string? Token)> GetAsync(CancellationToken ct) => Task.FromResult((user, token));
    }

    private static CrmClient Client(StubHttp http, string? token = "tok-123") =>
        new(http, new Credentials("amir", token), NullLogger<CrmClient>.Instance);

    [Fact]
    public async Task Every_call_carries_the_users_bearer_token()
    {
        var http = new StubHttp(_ => StubHttp.Json(HttpStatusCode.OK, """{"campaignId":7,"status":"approved","audienceSize":10,"excluded":1,"launchedAt":"2026-11-30T21:00:00Z","approvedBy":"amir"}"""));
        var launched = await Client(http).LaunchCampaignAsync(7, TestContext.Current.CancellationToken);
        Assert.Equal("amir", launched.ApprovedBy);
        var (request, _) = Assert.Single(http.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("http://crm/api/campaigns/7/launch", request.RequestUri!.ToString());
        Assert.Equal("Bearer tok-123", request.Headers.Authorization!.ToString());
    }

    [Fact]
    public async Task Problem_details_become_errors_and_403_is_forbidden()
    {
        var http = new StubHttp(r => r.RequestUri!.AbsolutePath.EndsWith("/launch", StringComparison.Ordinal)
            ? StubHttp.Json(HttpStatusCode.Forbidden, """{"title":"Forbidden","status":403,"detail":"approver role required"}""")
            : StubHttp.Json(HttpStatusCode.Conflict, """{"title":"Not allowed in this status","status":409,"detail":"campaign 7 is completed"}"""));
        var forbidden = await Assert.ThrowsAsync<CrmException>(() => Client(http).LaunchCampaignAsync(7, TestContext.Current.CancellationToken));
        Assert.True(forbidden.IsForbidden);
        Assert.Contains("approver role required", forbidden.Message);
        var conflict = await Assert.ThrowsAsync<CrmException>(() => Client(http).CancelCampaignAsync(7, TestContext.Current.CancellationToken));
        Assert.Equal(HttpStatusCode.Conflict, conflict.Status);
        Assert.Equal("campaign 7 is completed", conflict.Message);
    }

    [Fact]
    public async Task A_missing_thing_is_null_not_an_error()
    {
        var http = new StubHttp(_ => new HttpResponseMessage(HttpStatusCode.NotFound));
        Assert.Null(await Client(http).GetCampaignAsync(99, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task The_funnel_stream_yields_each_pushed_snapshot_and_ends_when_the_campaign_is_final()
    {
        static string Snapshot(string status, long delivered) =>
            $$"""{"campaignId":8,"status":"{{status}}","counts":{"queued":10,"dispatched":10,"sent":10,"delivered":{{delivered}},"opened":0,"read":0,"clicked":0,"converted":0,"failed":0,"revenue":0,"currency":"INR"},"rates":{"delivery":0,"open":0,"read":0,"click":0,"conversion":0,"failure":0},"series":[],"asOf":"2026-11-30T21:00:00Z"}""";
        var sse = $"event: funnel\ndata: {Snapshot("sending", 3)}\n\nevent: funnel\ndata: {Snapshot("sending", 7)}\n\nevent: funnel\ndata: {Snapshot("completed", 10)}\n\nevent: funnel\ndata: {Snapshot("completed", 10)}\n\n";
        var http = new StubHttp(_ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(sse, Encoding.UTF8, "text/event-stream") });
        var seen = new List<FunnelSnapshot>();
        await foreach (var s in Client(http).StreamFunnelAsync(8, TestContext.Current.CancellationToken))
        {
            seen.Add(s);
        }

        Assert.Equal([3L, 7L, 10L], seen.Select(s => s.Counts.Delivered));
        Assert.True(seen[^1].IsFinal);
        var (request, _) = Assert.Single(http.Requests);
        Assert.Equal("/api/campaigns/8/funnel/stream", request.RequestUri!.AbsolutePath);
        Assert.Equal("Bearer tok-123", request.Headers.Authorization!.ToString());
    }
}
