using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Reach.Crm.Segmentation;
using Reach.Crm.Tests.Infrastructure;
using Reach.Crm.Tests.Ingest;

namespace Reach.Crm.Tests.Segmentation;

/// <summary>
/// Categories as bits (migration <c>SegmentFactsCategoryBits</c>): every category seen gets one of 63 bits; once they
/// are taken, customers with a newer category carry the sign bit and <c>category in/not_in</c> still selects exactly
/// the customers whose categories overlap the list.
/// </summary>
public sealed class CategoryBitsTests(CrmFactory crm) : IClassFixture<CrmFactory>
{
    private const string Seed = "/api/ingest/demo?customers=400&seed=5&asOf=2026-06-01T00:00:00Z";

    [Fact]
    public async Task A_category_beyond_the_63_bits_is_still_counted_exactly()
    {
        var ct = TestContext.Current.CancellationToken;
        using (var response = await crm.CreateClient().PostAsync(Seed, null, ct))
        {
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(ct));
        }

        // The demo's six categories have bits, and the facts carry them.
        Assert.Equal(6L, await crm.ScalarAsync<long>("SELECT count(*) FROM segment_category_bits"));
        Assert.Equal(0L, await crm.ScalarAsync<long>("""
            SELECT count(*) FROM segment_facts f
            WHERE f.category_bits <> (SELECT coalesce(bit_or(1::bigint << b.bit), 0) FROM unnest(f.categories) u(category)
                                      JOIN segment_category_bits b ON b.category = u.category)
            """));

        // Take every remaining bit, then upload orders in a category that can't have one.
        await crm.ScalarAsync<long>("""
            WITH filled AS (INSERT INTO segment_category_bits SELECT 'filler-' || g, g FROM generate_series((SELECT max(bit) + 1 FROM segment_category_bits), 62) g RETURNING 1)
            SELECT count(*) FROM filled
            """);
        var known = await crm.ScalarAsync<string>("SELECT c.external_id FROM customers c WHERE 'lipstick' = ANY(c.categories) ORDER BY c.id LIMIT 1");
        var customers = """
            external_id,email,name,city
            BITS-NEW,bits-new@example.com,Newcomer,Pune
            """;
        var orders = $"""
            order_id,customer_id,ordered_at,sku,product_name,quantity,unit_price,currency,category
            BITS-O1,{known},2026-05-20T10:00:00Z,BITS-SKU-1,Bits Balm,1,150.00,INR,lipcare
            BITS-O2,BITS-NEW,2026-05-21T10:00:00Z,BITS-SKU-1,Bits Balm,1,150.00,INR,lipcare
            """;
        await OrderFileUpload.PostAsync(crm, customers, orders, ct);

        Assert.Equal(63L, await crm.ScalarAsync<long>("SELECT count(*) FROM segment_category_bits"));
        Assert.Equal(2L, await crm.ScalarAsync<long>("SELECT count(*) FROM segment_facts WHERE category_bits < 0"));
        var total = await crm.ScalarAsync<long>("SELECT count(*) FROM customers");
        async Task<long> Overlapping(params string[] list) =>
            await crm.ScalarAsync<long>("SELECT count(*) FROM customers WHERE categories && @list", ("list", list));

        Assert.Equal(2L, await CountAsync("in", ["LipCare"], ct));
        Assert.Equal(await Overlapping("lipcare", "lipstick"), await CountAsync("in", ["lipcare", "lipstick"], ct));
        Assert.Equal(await Overlapping("lipstick"), await CountAsync("in", ["lipstick"], ct));
        Assert.Equal(total - 2, await CountAsync("not_in", ["lipcare"], ct));
        Assert.Equal(total - await Overlapping("lipcare", "eyes"), await CountAsync("not_in", ["lipcare", "eyes"], ct));
        Assert.Equal(0L, await CountAsync("in", ["never-sold"], ct));
    }

    private async Task<long> CountAsync(string op, string[] categories, CancellationToken ct)
    {
        var filter = JsonSerializer.Serialize(new { match = "all", conditions = new object[] { new { field = "category", op, value = categories } } });
        using var content = new StringContent(filter, Encoding.UTF8, "application/json");
        using var response = await crm.CreateClient().PostAsync("/api/segments/preview", content, ct);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(ct));
        return (await response.Content.ReadFromJsonAsync<AudiencePreview>(ct))!.Count;
    }
}
