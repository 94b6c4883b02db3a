using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Reach.Crm.Tests.Ingest;

namespace Reach.Crm.Tests.Customers;

/// <summary><c>/api/customers</c> (search, keyset paging, detail) and <c>/api/insights/kpis</c> over the demo brand.</summary>
public sealed class CustomerDirectoryApiTests(DemoDataFixture crm) : IClassFixture<DemoDataFixture>
{
    [Fact]
    public async Task Keyset_pages_walk_every_customer_once_in_id_order()
    {
        var ct = TestContext.Current.CancellationToken;
        using var http = crm.CreateClient();
        var seen = new List<long>();
        long? after = 0;
        while (after is not null)
        {
            var page = await http.GetFromJsonAsync<JsonElement>($"/api/customers?after={after}&limit=137", ct);
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("id").GetInt64()));
            after = page.GetProperty("nextAfter").ValueKind == JsonValueKind.Null ? null : page.GetProperty("nextAfter").GetInt64();
        }

        Assert.Equal(await crm.ScalarAsync<long>("SELECT count(*) FROM customers"), seen.Count);
        Assert.Equal(seen.Order().ToList(), seen);
        Assert.Equal(seen.Count, seen.Distinct().Count());
    }

    [Fact]
    public async Task Search_finds_a_part_of_the_name_or_an_exact_email()
    {
        var ct = TestContext.Current.CancellationToken;
        using var http = crm.CreateClient();
        var name = await crm.ScalarAsync<string>("SELECT name FROM customers WHERE name IS NOT NULL ORDER BY id LIMIT 1");
        var part = name.Split(' ')[^1].ToUpperInvariant();
        var found = await http.GetFromJsonAsync<JsonElement>($"/api/customers?q={Uri.EscapeDataString(part)}&limit=200", ct);
        var names = found.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("name").GetString()!).ToList();
        Assert.NotEmpty(names);
        Assert.All(names, n => Assert.Contains(part, n, StringComparison.OrdinalIgnoreCase));
        Assert.Equal(await crm.ScalarAsync<long>("SELECT count(*) FROM customers WHERE name ILIKE @p OR email ILIKE @p", ("p", $"%{part}%")), names.Count);

        var email = await crm.ScalarAsync<string>("SELECT email FROM customers WHERE email IS NOT NULL ORDER BY id DESC LIMIT 1");
        var exact = await http.GetFromJsonAsync<JsonElement>($"/api/customers?q={Uri.EscapeDataString(email)}", ct);
        Assert.Contains(exact.GetProperty("items").EnumerateArray(), c => c.GetProperty("email").GetString() == email);
    }

    [Fact]
    public async Task A_customer_comes_with_metrics_consent_and_latest_orders()
    {
        var ct = TestContext.Current.CancellationToken;
        using var http = crm.CreateClient();
        var id = await crm.ScalarAsync<long>("SELECT id FROM customers WHERE order_count > 1 ORDER BY id LIMIT 1");
        var detail = await http.GetFromJsonAsync<JsonElement>($"/api/customers/{id}", ct);
        var orderCount = detail.GetProperty("customer").GetProperty("orderCount").GetInt32();
        var orders = detail.GetProperty("orders").EnumerateArray().ToList();
        Assert.Equal(Math.Min(orderCount, 20), orders.Count);
        var times = orders.Select(o => o.GetProperty("orderedAt").GetDateTimeOffset()).ToList();
        Assert.Equal(times.OrderDescending().ToList(), times);
        Assert.Equal(JsonValueKind.Array, detail.GetProperty("consent").ValueKind);

        // Last contact comes from customer_contacts (written by dispatch): none yet, then the time stored.
        Assert.Equal(JsonValueKind.Null, detail.GetProperty("lastContactedAt").ValueKind);
        var contactedAt = new DateTimeOffset(2026, 5, 4, 3, 2, 1, TimeSpan.Zero);
        await crm.ScalarAsync<int>("WITH i AS (INSERT INTO customer_contacts (customer_id, last_contacted_at) VALUES (@id, @at) RETURNING 1) SELECT count(*)::int FROM i",
            ("id", id), ("at", contactedAt.UtcDateTime));
        var contacted = await http.GetFromJsonAsync<JsonElement>($"/api/customers/{id}", ct);
        Assert.Equal(contactedAt, contacted.GetProperty("lastContactedAt").GetDateTimeOffset());

        using var missing = await http.GetAsync("/api/customers/999999999", ct);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Kpis_add_up_customers_orders_and_revenue()
    {
        var ct = TestContext.Current.CancellationToken;
        using var http = crm.CreateClient();
        var kpis = await http.GetFromJsonAsync<JsonElement>("/api/insights/kpis", ct);
        Assert.Equal(await crm.ScalarAsync<long>("SELECT count(*) FROM customers"), kpis.GetProperty("customers").GetInt64());
        Assert.Equal(await crm.ScalarAsync<long>("SELECT count(*) FROM orders WHERE status = 'placed'") > 0, kpis.GetProperty("orders").GetInt64() > 0);
        Assert.Equal(await crm.ScalarAsync<decimal>("SELECT coalesce(sum(total_spent), 0) FROM customers"), kpis.GetProperty("revenue").GetDecimal());
        Assert.Equal("INR", kpis.GetProperty("currency").GetString());
    }
}
