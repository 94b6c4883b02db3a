using System.Net.Http.Json;
using Reach.Crm.Ingest;
using Reach.Crm.Tests.Infrastructure;

namespace Reach.Crm.Tests.Ingest;

/// <summary>The demo brand's data written through the bulk path via <c>POST /api/ingest/demo</c>.</summary>
public sealed class DemoSeedTests(CrmFactory crm) : IClassFixture<CrmFactory>
{
    [Fact]
    public async Task Seeding_writes_customers_orders_and_metrics_and_is_idempotent()
    {
        using var client = crm.CreateClient();
        var ct = TestContext.Current.CancellationToken;
        using var first = await client.PostAsync("/api/ingest/demo?customers=1000&seed=42&asOf=2026-06-01T00:00:00Z", null, ct);
        var body = await first.Content.ReadAsStringAsync(ct);
        Assert.True(first.IsSuccessStatusCode, body);
        var reports = (await first.Content.ReadFromJsonAsync<IngestReport[]>(ct))!;
        Assert.Equal(1000, reports[0].Customers.Inserted);
        Assert.Equal(0, reports[1].Rows.Rejected);

        Assert.Equal(1000L, await crm.ScalarAsync<long>("SELECT count(*) FROM customers"));
        Assert.Equal(13L, await crm.ScalarAsync<long>("SELECT count(*) FROM products"));
        Assert.Equal(6L, await crm.ScalarAsync<long>("SELECT count(DISTINCT category) FROM products"));
        Assert.Equal(12L, await crm.ScalarAsync<long>("SELECT count(DISTINCT city) FROM customers"));
        Assert.Equal(reports[1].Orders!.Inserted, await crm.ScalarAsync<long>("SELECT sum(order_count) FROM customers"));
        // Never-ordered customers (~8%) have zero metrics; everyone else has consistent ones.
        var neverOrdered = await crm.ScalarAsync<long>("SELECT count(*) FROM customers WHERE order_count = 0");
        Assert.InRange(neverOrdered, 50, 110);
        Assert.Equal(0L, await crm.ScalarAsync<long>(
            "SELECT count(*) FROM customers WHERE order_count > 0 AND (first_order_at > last_order_at OR created_at > first_order_at OR avg_order_value <> round(total_spent / order_count, 2) OR cardinality(categories) = 0)"));
        Assert.Equal(0L, await crm.ScalarAsync<long>(
            "SELECT count(*) FROM customers WHERE order_count = 0 AND (total_spent <> 0 OR last_order_at IS NOT NULL)"));

        using var again = await client.PostAsync("/api/ingest/demo?customers=1000&seed=42&asOf=2026-06-01T00:00:00Z", null, ct);
        var second = (await again.Content.ReadFromJsonAsync<IngestReport[]>(ct))!;
        Assert.Equal(1000, second[0].Customers.Unchanged);
        Assert.Equal(reports[1].Orders!.Inserted, second[1].Orders!.Unchanged);
    }

    [Fact]
    public async Task A_size_outside_the_range_is_refused()
    {
        using var client = crm.CreateClient();
        using var response = await client.PostAsync("/api/ingest/demo?customers=2000000", null, TestContext.Current.CancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("1,000,000", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }
}
