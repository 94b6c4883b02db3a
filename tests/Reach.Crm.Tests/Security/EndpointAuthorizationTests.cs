using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Reach.Crm.Campaigns;
using Reach.Crm.Segmentation;
using Reach.Crm.Tests.Campaigns;
using Reach.Testing;

namespace Reach.Crm.Tests.Security;

/// <summary>
/// Every endpoint of the running app (enumerated from its <see cref="EndpointDataSource"/>, so a new endpoint can't be
/// forgotten) refuses an anonymous call with 401 and a too-weak role with 403, both as problem details; a marketer
/// stages but can't launch, an approver launches, and the audit log records both with the right user.
/// </summary>
public sealed class EndpointAuthorizationTests(CampaignFixture crm) : IClassFixture<CampaignFixture>
{
    private const string Anonymous = "anonymous";

    /// <summary>The contract: the least role each endpoint needs. A new endpoint fails the test until it is listed here.</summary>
    private static readonly Dictionary<string, string> Expected = new()
    {
        ["* /health"] = Anonymous,
        ["* /alive"] = Anonymous,
        ["POST /api/auth/token"] = Anonymous,
        ["POST /api/webhooks/receipts"] = Anonymous,
        ["GET /api/auth/me"] = "viewer",
        ["POST /api/auth/sign-out"] = "viewer",
        ["GET /api/users/"] = "admin",
        ["POST /api/users/"] = "admin",
        ["PUT /api/users/{userName}/role"] = "admin",
        ["GET /api/audit/"] = "approver",
        ["POST /api/ingest/customers"] = "admin",
        ["POST /api/ingest/orders"] = "admin",
        ["POST /api/ingest/demo"] = "admin",
        ["POST /api/segments/preview"] = "marketer",
        ["POST /api/segments/"] = "marketer",
        ["GET /api/segments/"] = "viewer",
        ["GET /api/segments/{id:long}"] = "viewer",
        ["PUT /api/segments/{id:long}"] = "marketer",
        ["DELETE /api/segments/{id:long}"] = "marketer",
        ["POST /api/campaigns/"] = "marketer",
        ["GET /api/campaigns/"] = "viewer",
        ["GET /api/campaigns/{id:long}"] = "viewer",
        ["PUT /api/campaigns/{id:long}"] = "marketer",
        ["POST /api/campaigns/{id:long}/launch"] = "approver",
        ["POST /api/campaigns/{id:long}/cancel"] = "approver",
        ["GET /api/campaigns/{id:long}/recipients"] = "viewer",
        ["GET /api/campaigns/{id:long}/preview"] = "viewer",
        ["GET /api/campaigns/{id:long}/funnel"] = "viewer",
        ["GET /api/campaigns/{id:long}/funnel/stream"] = "viewer",
        ["POST /api/copilot/chat"] = "viewer",
        ["GET /api/copilot/conversations"] = "viewer",
        ["GET /api/copilot/conversations/{id:long}"] = "viewer",
        ["GET /api/customers/"] = "viewer",
        ["GET /api/customers/{id:long}"] = "viewer",
        ["GET /api/insights/kpis"] = "viewer",
    };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private IReadOnlyList<(string Method, string Pattern, bool AllowsAnonymous)> Endpoints() =>
        crm.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["*"])
                .Select(m => (m, e.RoutePattern.RawText ?? "", e.Metadata.GetMetadata<IAllowAnonymous>() is not null)))
            .ToList();

    [Fact]
    public void Every_endpoint_is_classified_and_only_the_listed_ones_allow_anonymous_calls()
    {
        var actual = Endpoints();
        var keys = actual.Select(e => $"{e.Method} {e.Pattern}").ToHashSet();
        Assert.True(keys.SetEquals(Expected.Keys),
            $"unlisted endpoints: {string.Join(", ", keys.Except(Expected.Keys))}; listed but missing: {string.Join(", ", Expected.Keys.Except(keys))}");
        foreach (var (method, pattern, allowsAnonymous) in actual)
        {
            Assert.True(allowsAnonymous == (Expected[$"{method} {pattern}"] == Anonymous), $"{method} {pattern}: AllowAnonymous is {allowsAnonymous}");
        }
    }

    [Fact]
    public async Task Each_endpoint_refuses_an_anonymous_call_with_401_and_a_too_weak_role_with_403()
    {
        var checkedCalls = 0;
        foreach (var (method, pattern, _) in Endpoints())
        {
            var least = Expected.GetValueOrDefault($"{method} {pattern}", "viewer");
            if (least == Anonymous)
            {
                continue;
            }

            var path = pattern.Replace("{id:long}", "999999").Replace("{userName}", "nobody");
            using (var anonymous = crm.ClientAs(null))
            {
                await AssertProblemAsync(anonymous, method, path, HttpStatusCode.Unauthorized, "bearer token");
            }

            foreach (var weaker in TestUsers.Roles.TakeWhile(r => r != least))
            {
                using var client = crm.ClientAs(weaker);
                await AssertProblemAsync(client, method, path, HttpStatusCode.Forbidden, $"needs the {least} role or higher; you are {weaker}");
            }

            checkedCalls++;
        }

        Assert.True(checkedCalls >= 25, $"only {checkedCalls} endpoints checked");
    }

    [Fact]
    public async Task A_tampered_or_garbage_token_is_refused_with_401()
    {
        var token = crm.TokenFor("admin");
        var middle = token.Length / 2;
        var tampered = token[..middle] + (token[middle] == 'A' ? 'B' : 'A') + token[(middle + 1)..];
        foreach (var bad in new[] { tampered, token[..^4], "not-a-token", "' OR 1=1 --" })
        {
            using var client = crm.CreateClient();
            client.DefaultRequestHeaders.Remove("Authorization");
            client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", "Bearer " + bad);
            await AssertProblemAsync(client, "GET", "/api/auth/me", HttpStatusCode.Unauthorized, "refused");
        }
    }

    [Fact]
    public async Task A_marketer_stages_but_cannot_launch_an_approver_launches_and_the_audit_log_records_both()
    {
        using var marketer = crm.ClientAs("marketer");
        using var approver = crm.ClientAs("approver");
        using var seg = await marketer.PostAsync("/api/segments", Json("""{"name":"Pune audience","definition":{"match":"all","conditions":[{"field":"city","op":"eq","value":"Pune"}]}}"""), Ct);
        Assert.Equal(HttpStatusCode.Created, seg.StatusCode);
        var segment = (await seg.Content.ReadFromJsonAsync<SegmentResponse>(Ct))!;
        Assert.Equal("test-marketer", segment.CreatedBy);

        using (var revise = await marketer.PutAsync($"/api/segments/{segment.Id}", Json("""{"definition":{"match":"all","conditions":[{"field":"city","op":"in","value":["Pune","Mumbai"]}]}}"""), Ct))
        {
            Assert.Equal(HttpStatusCode.OK, revise.StatusCode);
        }

        using var draft = await marketer.PostAsJsonAsync("/api/campaigns", new CampaignDraftRequest("Pune hello", segment.Id, "email", "Hi {{first_name | there}}", "goal", "reason"), Ct);
        Assert.Equal(HttpStatusCode.Created, draft.StatusCode);
        var campaign = (await draft.Content.ReadFromJsonAsync<CampaignResponse>(Ct))!;
        Assert.Equal("test-marketer", campaign.CreatedBy);

        await AssertProblemAsync(marketer, "POST", $"/api/campaigns/{campaign.Id}/launch", HttpStatusCode.Forbidden, "needs the approver role");
        await AssertProblemAsync(marketer, "POST", $"/api/campaigns/{campaign.Id}/cancel", HttpStatusCode.Forbidden, "needs the approver role");
        Assert.Equal("draft", (await marketer.GetFromJsonAsync<CampaignResponse>($"/api/campaigns/{campaign.Id}", Ct))!.Status);

        using var launch = await approver.PostAsync($"/api/campaigns/{campaign.Id}/launch", null, Ct);
        Assert.Equal(HttpStatusCode.OK, launch.StatusCode);
        var launched = (await marketer.GetFromJsonAsync<CampaignResponse>($"/api/campaigns/{campaign.Id}", Ct))!;
        Assert.Equal("test-approver", launched.ApprovedBy);

        await AssertProblemAsync(marketer, "GET", "/api/audit", HttpStatusCode.Forbidden, "needs the approver role");
        var audit = await approver.GetFromJsonAsync<JsonElement>($"/api/audit?entityType=campaign&entityId={campaign.Id}", Ct);
        var entries = audit.GetProperty("items").EnumerateArray().Select(e => (Action: e.GetProperty("action").GetString(), Actor: e.GetProperty("actor").GetString())).ToList();
        Assert.Equal([("campaign.launched", "test-approver"), ("campaign.approved", "test-approver"), ("campaign.created", "test-marketer")], entries);

        var segmentAudit = await approver.GetFromJsonAsync<JsonElement>($"/api/audit?entityType=segment&entityId={segment.Id}&actor=test-marketer", Ct);
        var segmentEntries = segmentAudit.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["segment.edited", "segment.created"], segmentEntries.Select(e => e.GetProperty("action").GetString()));
        Assert.Equal("Pune", segmentEntries[0].GetProperty("before").GetProperty("definition").GetProperty("conditions")[0].GetProperty("value").GetString());

        // Once launched, the segment can't be revised any more.
        using var locked = await marketer.PutAsync($"/api/segments/{segment.Id}", Json("""{"definition":{"match":"all","conditions":[{"field":"city","op":"eq","value":"Delhi"}]}}"""), Ct);
        Assert.Equal(HttpStatusCode.Conflict, locked.StatusCode);
    }

    [Fact]
    public async Task An_edit_is_audited_with_before_and_after_and_the_log_pages_newest_first()
    {
        var draft = await crm.DraftAsync("""{"match":"all","conditions":[{"field":"city","op":"eq","value":"Mumbai"}]}""", "sms", name: "Audit paging");
        using var marketer = crm.ClientAs("marketer");
        using var edit = await marketer.PutAsJsonAsync($"/api/campaigns/{draft.Id}", new CampaignEditRequest("Audit paging v2", null, null, null), Ct);
        Assert.Equal(HttpStatusCode.OK, edit.StatusCode);

        using var admin = crm.ClientAs("admin");
        var page = await admin.GetFromJsonAsync<JsonElement>($"/api/audit?entityType=campaign&entityId={draft.Id}&limit=1", Ct);
        var edited = page.GetProperty("items")[0];
        Assert.Equal("campaign.edited", edited.GetProperty("action").GetString());
        Assert.Equal("test-marketer", edited.GetProperty("actor").GetString());
        Assert.Equal("Audit paging", edited.GetProperty("before").GetProperty("Name").GetString());
        Assert.Equal("Audit paging v2", edited.GetProperty("after").GetProperty("Name").GetString());

        var next = page.GetProperty("nextBefore").GetInt64();
        var older = await admin.GetFromJsonAsync<JsonElement>($"/api/audit?entityType=campaign&entityId={draft.Id}&limit=1&before={next}", Ct);
        Assert.Equal("campaign.created", older.GetProperty("items")[0].GetProperty("action").GetString());
        Assert.Equal("test-admin", older.GetProperty("items")[0].GetProperty("actor").GetString());
    }

    [Fact]
    public async Task A_viewers_copilot_sizes_audiences_but_its_save_and_stage_calls_are_refused()
    {
        var segments = await crm.ScalarAsync<long>("SELECT count(*) FROM segments");
        var campaigns = await crm.ScalarAsync<long>("SELECT count(*) FROM campaigns");
        using var viewer = crm.ClientAs("viewer");
        using var response = await viewer.PostAsync("/api/copilot/chat",
            Json("""{"message":"Win back customers who bought lipstick but haven't ordered in 60 days"}"""), Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        var actions = JsonDocument.Parse(body).RootElement.GetProperty("actions").EnumerateArray().ToList();
        Assert.Contains(actions, a => a.GetProperty("tool").GetString() == "preview_audience" && !a.GetProperty("result").TryGetProperty("error", out _));
        var saves = actions.Where(a => a.GetProperty("tool").GetString() is "create_segment" or "stage_campaign").ToList();
        Assert.NotEmpty(saves);
        Assert.All(saves, a => Assert.Contains("not allowed", a.GetProperty("result").GetProperty("error").GetString()));
        Assert.Equal(segments, await crm.ScalarAsync<long>("SELECT count(*) FROM segments"));
        Assert.Equal(campaigns, await crm.ScalarAsync<long>("SELECT count(*) FROM campaigns"));
        Assert.DoesNotContain(Reach.Crm.Copilot.Tools.CopilotToolbox.Names, n => n.Contains("launch", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_approvers_copilot_acts_as_a_marketer_and_stages_a_draft_in_their_name()
    {
        using var approver = crm.ClientAs("approver");
        using var response = await approver.PostAsync("/api/copilot/chat", Json("""{"message":"Customers in Pune with at least 5 orders"}"""), Ct);
        var reply = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var staged = reply.GetProperty("stagedCampaign");
        Assert.Equal("draft", staged.GetProperty("status").GetString());
        Assert.Equal("test-approver", staged.GetProperty("createdBy").GetString());

        // Another user can't continue (or read) someone else's conversation unless they are an approver or admin.
        using var marketer = crm.ClientAs("marketer");
        var id = reply.GetProperty("conversationId").GetInt64();
        using var other = await marketer.PostAsync("/api/copilot/chat", Json($$"""{"conversation_id":{{id}},"message":"only Mumbai"}"""), Ct);
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        using var read = await marketer.GetAsync($"/api/copilot/conversations/{id}", Ct);
        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
    }

    private static async Task AssertProblemAsync(HttpClient client, string method, string path, HttpStatusCode expected, string reason)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method == "*" ? "GET" : method), path);
        if (method is "POST" or "PUT")
        {
            request.Content = Json("{}");
        }

        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(expected == response.StatusCode, $"{method} {path}: expected {(int)expected}, got {(int)response.StatusCode} {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(reason, body, StringComparison.OrdinalIgnoreCase);
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}
