using System.Net;
using System.Net.Http.Json;
using Reach.Crm.Campaigns;
using Reach.Crm.Campaigns.Funnel;

namespace Reach.Crm.Tests.Campaigns;

/// <summary>Drafts, validation, approve &amp; launch (atomic, idempotent, audience frozen with consent), cancel, audit.</summary>
public sealed class CampaignLifecycleTests(CampaignFixture crm) : IClassFixture<CampaignFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private const string Lipstick = """{"match":"all","conditions":[{"field":"category","op":"in","value":["lipstick"]}]}""";

    [Fact]
    public async Task Unknown_tokens_and_bad_fields_are_rejected_when_the_draft_is_saved()
    {
        using var client = crm.CreateClient();
        var draft = await crm.DraftAsync(Lipstick, "email");
        using var bad = await client.PostAsJsonAsync("/api/campaigns",
            new CampaignDraftRequest("x", draft.SegmentId, "fax", "Hi {{firstname}} {{ broken"), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var body = await bad.Content.ReadAsStringAsync(Ct);
        Assert.Contains("'fax' is not a channel", body);
        Assert.Contains("unknown token '{{firstname}}'", body);
        using var noSegment = await client.PostAsJsonAsync("/api/campaigns", new CampaignDraftRequest("x", 999_999, "email", "Hi"), Ct);
        Assert.Contains("segment 999999 does not exist", await noSegment.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task A_long_sms_is_flagged_and_a_draft_is_editable_until_launch()
    {
        var draft = await crm.DraftAsync(Lipstick, "sms", "Hi {{first_name | there}}! " + new string('a', 170));
        Assert.Contains(draft.Warnings, w => w.Contains("160"));
        using var client = crm.CreateClient();
        using var edit = await client.PutAsJsonAsync($"/api/campaigns/{draft.Id}", new CampaignEditRequest(MessageTemplate: "Hi {{first_name | there}}, 20% off lipstick"), Ct);
        var edited = (await edit.Content.ReadFromJsonAsync<CampaignResponse>(Ct))!;
        Assert.Equal("Hi {{first_name | there}}, 20% off lipstick", edited.MessageTemplate);
        Assert.Empty(edited.Warnings);

        var preview = await client.GetFromJsonAsync<List<MessagePreview>>($"/api/campaigns/{draft.Id}/preview?count=3", Ct);
        Assert.Equal(3, preview!.Count);
        Assert.All(preview, p => Assert.StartsWith("Hi ", p.Body));
        Assert.All(preview, p => Assert.DoesNotContain("{{", p.Body));

        using var launch = await client.PostAsync($"/api/campaigns/{draft.Id}/launch", null, Ct);
        Assert.Equal(HttpStatusCode.OK, launch.StatusCode);
        using var late = await client.PutAsJsonAsync($"/api/campaigns/{draft.Id}", new CampaignEditRequest(Name: "too late"), Ct);
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Equal(1L, await crm.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE entity_id = @id AND action = 'campaign.edited'", ("id", draft.Id)));
    }

    [Fact]
    public async Task Two_concurrent_launches_dispatch_once_and_a_non_draft_is_refused()
    {
        var draft = await crm.DraftAsync(Lipstick, "whatsapp");
        using var client = crm.CreateClient();
        var launches = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => client.PostAsync($"/api/campaigns/{draft.Id}/launch", null, Ct)));
        Assert.Equal(1, launches.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(3, launches.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        var launched = (await launches.Single(r => r.IsSuccessStatusCode).Content.ReadFromJsonAsync<LaunchResponse>(Ct))!;

        // The audience was frozen once: one communication per reachable customer, nobody twice.
        Assert.Equal((long)launched.AudienceSize, await crm.ScalarAsync<long>("SELECT count(*) FROM communications WHERE campaign_id = @id", ("id", draft.Id)));
        Assert.Equal((long)launched.AudienceSize, await crm.ScalarAsync<long>("SELECT count(DISTINCT customer_id) FROM communications WHERE campaign_id = @id", ("id", draft.Id)));
        Assert.Equal(2L, await crm.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE entity_id = @id AND action IN ('campaign.approved','campaign.launched')", ("id", draft.Id)));

        using var again = await client.PostAsync($"/api/campaigns/{draft.Id}/launch", null, Ct);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("only a draft can be launched", await again.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task Launch_excludes_customers_without_consent_or_address_and_counts_them()
    {
        var draft = await crm.DraftAsync(Lipstick, "rcs");
        using var client = crm.CreateClient();
        using var preview = await client.PostAsync("/api/segments/preview", CampaignFixture.Json(Lipstick), Ct);
        var audience = (await preview.Content.ReadFromJsonAsync<Reach.Crm.Segmentation.AudiencePreview>(Ct))!;
        using var launch = await client.PostAsync($"/api/campaigns/{draft.Id}/launch", null, Ct);
        var launched = (await launch.Content.ReadFromJsonAsync<LaunchResponse>(Ct))!;
        Assert.Equal(audience.Reachable.Rcs, launched.AudienceSize);
        Assert.Equal(audience.Count - audience.Reachable.Rcs, launched.Excluded);
        Assert.True(launched.Excluded > 0);
        Assert.Equal(0L, await crm.ScalarAsync<long>("""
            SELECT count(*) FROM communications m JOIN customers c ON c.id = m.customer_id
            WHERE m.campaign_id = @id AND (c.rcs_opt_in_at IS NULL OR c.phone IS NULL OR m.recipient_address <> c.phone)
            """, ("id", draft.Id)));

        var funnel = await client.GetFromJsonAsync<FunnelSnapshot>($"/api/campaigns/{draft.Id}/funnel", Ct);
        Assert.Equal(launched.AudienceSize, funnel!.Counts.Queued);
        Assert.Equal("sending", funnel.Status);
    }

    [Fact]
    public async Task Cancel_stops_a_draft_and_is_refused_twice()
    {
        var draft = await crm.DraftAsync(Lipstick, "email");
        using var client = crm.CreateClient();
        using var cancel = await client.PostAsync($"/api/campaigns/{draft.Id}/cancel", null, Ct);
        Assert.Equal("cancelled", (await cancel.Content.ReadFromJsonAsync<CampaignResponse>(Ct))!.Status);
        using var again = await client.PostAsync($"/api/campaigns/{draft.Id}/cancel", null, Ct);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        using var launch = await client.PostAsync($"/api/campaigns/{draft.Id}/launch", null, Ct);
        Assert.Equal(HttpStatusCode.Conflict, launch.StatusCode);
        var list = await client.GetFromJsonAsync<List<CampaignResponse>>("/api/campaigns?status=cancelled", Ct);
        Assert.Contains(list!, c => c.Id == draft.Id);
    }
}
