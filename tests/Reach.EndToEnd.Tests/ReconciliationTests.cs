using Reach.Testing;

namespace Reach.EndToEnd.Tests;

/// <summary>
/// The CRM and the channel as real processes over real HTTP: a 10,000-recipient campaign with injected duplicates,
/// reordering and transient failures, and a CRM restart in the middle of the receipts, ends with the CRM's funnel
/// equal — stage by stage and in revenue — to the channel's ledger, and nobody got two messages.
/// </summary>
public sealed class ReconciliationTests : IAsyncLifetime
{
    private ReachServices _services = null!;

    public async ValueTask InitializeAsync() =>
        _services = await ReachServices.StartAsync("reconciliation",
            new Dictionary<string, string> { ["Reach__Channel__TimeScale"] = "0.05", ["Reach__Channel__Seed"] = "7" },
            new Dictionary<string, string> { ["Reach__Dispatch__BatchSize"] = "500", ["Reach__Dispatch__CompletionQuietSeconds"] = "3" });

    public async ValueTask DisposeAsync() => await _services.DisposeAsync();

    [Fact]
    public async Task The_funnel_equals_the_channel_ledger_after_duplicates_reordering_and_a_crm_restart()
    {
        var ct = TestContext.Current.CancellationToken;
        // Admin seeds, a marketer stages, an approver launches; the approver's token is used after the restart too
        // (the data-protection keys live in PostgreSQL, so tokens survive it).
        using var admin = await _services.SignedInClientAsync("admin", ct);
        using var marketer = await _services.SignedInClientAsync("marketer", ct);
        using var approver = await _services.SignedInClientAsync("approver", ct);
        await _services.SendAsync(admin, HttpMethod.Post, "/api/ingest/demo?customers=12000&seed=42", null, ct);

        var segment = await _services.PostAsync(marketer, "/api/segments", """{"name":"Everyone with e-mail","definition":{"match":"all","conditions":[{"field":"consent","op":"eq","value":"email"}]}}""", ct);
        var campaign = await _services.PostAsync(marketer, "/api/campaigns",
            $$$"""{"name":"Reconciliation","segmentId":{{{segment.GetProperty("id").GetInt64()}}},"channel":"email","messageTemplate":"Hi {{first_name | there}}"}""", ct);
        var id = campaign.GetProperty("id").GetInt64();
        var launch = await _services.PostAsync(approver, $"/api/campaigns/{id}/launch", "", ct);
        Assert.Equal(TestUsers.UserName("approver"), launch.GetProperty("approvedBy").GetString());
        var audience = launch.GetProperty("audienceSize").GetInt32();
        Assert.True(audience >= 10_000, $"audience {audience}");

        // Restart the CRM once receipts are flowing.
        await _services.WaitUntilAsync(async () => (await _services.FunnelAsync(approver, id, ct)).GetProperty("counts").GetProperty("sent").GetInt64() > 2_000,
            TimeSpan.FromMinutes(2), "receipts flowing");
        await _services.Crm.StopAsync();
        await Task.Delay(1500, ct);
        await _services.Crm.StartAsync();

        var (ledger, funnel) = await _services.WaitForCompletionAsync(approver, id, audience, ct);
        ReachServices.AssertFunnelEqualsLedger(funnel, ledger, audience, "reconciliation");
        var events = ledger.GetProperty("funnel");
        foreach (var stage in new[] { "sent", "delivered", "opened", "read", "clicked", "converted" })
        {
            Assert.True(events.GetProperty(stage).GetInt64() > 0, $"no {stage} at all");
        }
    }
}
