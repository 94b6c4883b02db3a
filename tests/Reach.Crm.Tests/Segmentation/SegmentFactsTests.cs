using Reach.Crm.Segmentation;
using Reach.Crm.Tests.Infrastructure;
using Reach.Crm.Tests.Ingest;

namespace Reach.Crm.Tests.Segmentation;

/// <summary>
/// <c>segment_facts</c> (what audience counts read) stays equal to what <c>segment_facts_source</c> derives from the
/// customers: after an initial load that maintains it through the triggers, after one that suspends them and rebuilds it
/// (Bulk/CustomerRewrite), and after everyday uploads that change profiles, consent and metrics. Its consent and
/// reachability bits agree with <see cref="ChannelSql"/>'s rules over the customers.
/// </summary>
public sealed class SegmentFactsTests(CrmFactory maintained, IndexRebuildCrmFactory rebuilt)
    : IClassFixture<CrmFactory>, IClassFixture<IndexRebuildCrmFactory>
{
    private const string Seed = "/api/ingest/demo?customers=600&seed=11&asOf=2026-06-01T00:00:00Z";

    /// <summary>Rows in one relation and not the other, both ways, plus any customer without exactly one fact.</summary>
    internal const string Differences = """
        SELECT (SELECT count(*) FROM (SELECT * FROM segment_facts EXCEPT ALL SELECT * FROM segment_facts_source) a)
             + (SELECT count(*) FROM (SELECT * FROM segment_facts_source EXCEPT ALL SELECT * FROM segment_facts) b)
             + abs((SELECT count(*) FROM customers) - (SELECT count(*) FROM segment_facts))
        """;

    private const string FactOrderCount =
        "SELECT f.order_count FROM segment_facts f JOIN customers c ON c.id = f.customer_id WHERE c.external_id = @known";

    [Fact]
    public async Task Facts_follow_every_load_path_and_everyday_changes()
    {
        var ct = TestContext.Current.CancellationToken;
        foreach (var crm in new[] { maintained, rebuilt })
        {
            using var client = crm.CreateClient();
            using var response = await client.PostAsync(Seed, null, ct);
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(ct));
            Assert.Equal(600L, await crm.ScalarAsync<long>("SELECT count(*) FROM segment_facts"));
            Assert.Equal(0L, await crm.ScalarAsync<long>(Differences));
            // The rebuild path left the triggers enabled (tgenabled 'O': fires in origin sessions).
            Assert.Equal(4L, await crm.ScalarAsync<long>(
                "SELECT count(*) FROM pg_trigger WHERE tgrelid = 'customers'::regclass AND tgname LIKE 'segment_facts_on_%' AND tgenabled = 'O'"));
        }

        // Everyday uploads on the rebuilt database: a changed city and an opt-out for a known customer, a new customer,
        // and orders for both (metrics change through the trigger path).
        var known = await rebuilt.ScalarAsync<string>("SELECT external_id FROM customers WHERE email_opt_in_at IS NOT NULL ORDER BY id LIMIT 1");
        var ordersBefore = await rebuilt.ScalarAsync<int>(FactOrderCount, ("known", known));
        var customers = $"""
            external_id,email,name,city,email_opt_in_at,email_opt_out_at,sms_opt_in_at
            {known},facts-known@example.com,Known,Nagpur,2026-01-01T00:00:00Z,2026-03-01T00:00:00Z,2026-02-01T00:00:00Z
            FACT-NEW,facts-new@example.com,Newcomer,KOLKATA,2026-05-01T00:00:00Z,,
            """;
        var orders = $"""
            order_id,customer_id,ordered_at,sku,product_name,quantity,unit_price,currency,category
            FACT-O1,{known},2026-05-20T10:00:00Z,FACT-SKU-1,Facts Balm,2,150.00,INR,lipcare
            FACT-O2,FACT-NEW,2026-05-21T10:00:00Z,FACT-SKU-2,Facts Serum,1,900.00,INR,skincare
            """;
        await OrderFileUpload.PostAsync(rebuilt, customers, orders, ct);
        Assert.Equal(0L, await rebuilt.ScalarAsync<long>(Differences));
        Assert.Equal("kolkata|1|90000|{skincare}|4|4", await rebuilt.ScalarAsync<string>("""
            SELECT concat_ws('|', f.city, f.order_count, f.total_spent_minor, f.categories, f.consented, f.reachable)
            FROM segment_facts f JOIN customers c ON c.id = f.customer_id WHERE c.external_id = 'FACT-NEW'
            """));
        Assert.Equal("nagpur|0|2", await rebuilt.ScalarAsync<string>("""
            SELECT concat_ws('|', f.city, f.consented & 4, f.consented & 2)
            FROM segment_facts f JOIN customers c ON c.id = f.customer_id WHERE c.external_id = @known
            """, ("known", known)));
        Assert.Equal(ordersBefore + 1, await rebuilt.ScalarAsync<int>(FactOrderCount, ("known", known)));
    }

    [Fact]
    public async Task Consent_and_reachability_bits_agree_with_the_channel_rules()
    {
        var ct = TestContext.Current.CancellationToken;
        using (var response = await maintained.CreateClient().PostAsync(Seed, null, ct))
        {
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(ct));
        }

        foreach (var channel in ChannelSql.Channels)
        {
            var disagreements = await maintained.ScalarAsync<long>($"""
                SELECT count(*) FROM segment_facts f JOIN customers c ON c.id = f.customer_id
                WHERE ({ChannelSql.ConsentedFact(channel)}) IS DISTINCT FROM ({ChannelSql.Consented(channel)})
                   OR ({ChannelSql.ReachableFact(channel)}) IS DISTINCT FROM ({ChannelSql.Reachable(channel)})
                """);
            Assert.Equal(0L, disagreements);
            // Both sides occur, so the comparison means something.
            Assert.True(await maintained.ScalarAsync<long>($"SELECT count(*) FROM segment_facts f WHERE {ChannelSql.ReachableFact(channel)}") > 0, channel);
            Assert.True(await maintained.ScalarAsync<long>($"SELECT count(*) FROM segment_facts f WHERE NOT {ChannelSql.ConsentedFact(channel)}") > 0, channel);
        }
    }
}
