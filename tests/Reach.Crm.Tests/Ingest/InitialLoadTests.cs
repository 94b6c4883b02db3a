using Reach.Crm.Tests.Infrastructure;
using Reach.Crm.Tests.Segmentation;

namespace Reach.Crm.Tests.Ingest;

/// <summary>The CRM with <c>Reach:Ingest:IndexRebuildMinimumRows</c> = 1, so every initial load rebuilds its indexes.</summary>
public sealed class IndexRebuildCrmFactory : CrmFactory
{
    public override ValueTask InitializeAsync()
    {
        Settings["Reach:Ingest:IndexRebuildMinimumRows"] = "1";
        return base.InitializeAsync();
    }
}

/// <summary>
/// An initial load that drops the secondary indexes and rebuilds them after the load (Bulk/SecondaryIndexes) ends with
/// the same rows and the same indexes as one that maintains them row by row; a later load maintains them as usual.
/// </summary>
public sealed class InitialLoadTests(CrmFactory maintained, IndexRebuildCrmFactory rebuilt)
    : IClassFixture<CrmFactory>, IClassFixture<IndexRebuildCrmFactory>
{
    private const string Seed = "/api/ingest/demo?customers=1000&seed=7&asOf=2026-06-01T00:00:00Z";

    /// <summary>A digest of every customer (with metrics), order and order line, independent of generated ids.</summary>
    private const string ContentDigest = """
        SELECT md5(
          (SELECT string_agg(concat_ws('|', external_id, email, city, tags::text, created_at, first_order_at, last_order_at, order_count,
                             total_spent, avg_order_value, last_item, categories::text, product_ids::text), ';' ORDER BY external_id) FROM customers)
          || (SELECT string_agg(concat_ws('|', o.external_id, c.external_id, o.ordered_at, o.total, o.status, o.line_count, o.content_hash), ';' ORDER BY o.external_id)
              FROM orders o JOIN customers c ON c.id = o.customer_id)
          || (SELECT string_agg(concat_ws('|', o.external_id, l.line_no, l.sku, l.quantity, l.unit_price), ';' ORDER BY o.external_id, l.line_no)
              FROM order_lines l JOIN orders o ON o.id = l.order_id))
        """;

    /// <summary>Customers whose maintained metrics differ from what their orders and lines give, computed one customer at a time.</summary>
    private const string MetricsOracleMismatches = """
        SELECT count(*) FROM customers c
        LEFT JOIN LATERAL (SELECT min(o.ordered_at) FILTER (WHERE o.status = 'placed') AS first_at, max(o.ordered_at) FILTER (WHERE o.status = 'placed') AS last_at,
                                  count(*) FILTER (WHERE o.status = 'placed') AS cnt, coalesce(sum(o.total), 0) AS spent
                           FROM orders o WHERE o.customer_id = c.id) m ON true
        LEFT JOIN LATERAL (SELECT l.product_name FROM orders o JOIN order_lines l ON l.order_id = o.id AND l.line_no = 1
                           WHERE o.customer_id = c.id AND o.status = 'placed' ORDER BY o.ordered_at DESC, o.id DESC LIMIT 1) last ON true
        WHERE c.first_order_at IS DISTINCT FROM m.first_at OR c.last_order_at IS DISTINCT FROM m.last_at
           OR c.order_count <> m.cnt OR c.total_spent <> m.spent
           OR c.avg_order_value <> CASE WHEN m.cnt > 0 THEN round(m.spent / m.cnt, 2) ELSE 0 END
           OR c.last_item IS DISTINCT FROM last.product_name
           OR c.product_ids IS DISTINCT FROM coalesce((SELECT array_agg(DISTINCT p.id ORDER BY p.id) FROM orders o JOIN order_lines l ON l.order_id = o.id
                                               JOIN products p ON p.sku = l.sku WHERE o.customer_id = c.id AND o.status = 'placed'), '{}')
           OR c.categories IS DISTINCT FROM coalesce((SELECT array_agg(DISTINCT l.category::text ORDER BY l.category::text) FROM orders o JOIN order_lines l ON l.order_id = o.id
                                              WHERE o.customer_id = c.id AND o.status = 'placed' AND l.category IS NOT NULL), '{}')
        """;

    private const string IndexDefinitions = """
        SELECT string_agg(indexdef, E'\n' ORDER BY indexname) FROM pg_indexes WHERE tablename IN ('customers', 'orders', 'order_lines', 'segment_facts')
        """;

    [Fact]
    public async Task Rebuilding_indexes_after_an_initial_load_gives_the_same_rows_and_indexes()
    {
        var ct = TestContext.Current.CancellationToken;
        var indexesBefore = await rebuilt.ScalarAsync<string>(IndexDefinitions);
        foreach (var crm in new[] { maintained, rebuilt })
        {
            using var client = crm.CreateClient();
            using var response = await client.PostAsync(Seed, null, ct);
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(ct));
        }

        Assert.Equal(1000L, await rebuilt.ScalarAsync<long>("SELECT count(*) FROM customers"));
        Assert.True(await rebuilt.ScalarAsync<long>("SELECT count(*) FROM order_lines") > 2000);
        Assert.Equal(await maintained.ScalarAsync<string>(ContentDigest), await rebuilt.ScalarAsync<string>(ContentDigest));
        // Every metric against an independent oracle, per customer from its own orders, in both CRMs (a store's first orders
        // are read in one pass over every order, with the facts rebuilt after (rebuilt) or maintained by triggers
        // (maintained)); and the facts equal their source view either way.
        foreach (var crm in new[] { maintained, rebuilt })
        {
            Assert.Equal(0L, await crm.ScalarAsync<long>(MetricsOracleMismatches));
            Assert.Equal(0L, await crm.ScalarAsync<long>(SegmentFactsTests.Differences));
        }

        Assert.True(await rebuilt.ScalarAsync<long>("SELECT count(*) FROM customers WHERE last_item IS NOT NULL") > 800);
        Assert.Equal(indexesBefore, await rebuilt.ScalarAsync<string>(IndexDefinitions));
        Assert.Equal(await maintained.ScalarAsync<string>(IndexDefinitions), await rebuilt.ScalarAsync<string>(IndexDefinitions));
        Assert.Equal(0L, await rebuilt.ScalarAsync<long>("SELECT count(*) FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid WHERE c.relname IN ('customers', 'orders', 'segment_facts') AND NOT i.indisvalid"));

        // The unique indexes rebuilt after the load hold: a second load finds every row unchanged, and the indexes serve look-ups.
        using var again = await rebuilt.CreateClient().PostAsync(Seed, null, ct);
        var body = await again.Content.ReadAsStringAsync(ct);
        Assert.True(again.IsSuccessStatusCode, body);
        Assert.Contains("\"unchanged\":1000", body);
        Assert.Equal(await maintained.ScalarAsync<string>(ContentDigest), await rebuilt.ScalarAsync<string>(ContentDigest));
    }
}

/// <summary>CSV uploads of the order-grouping tests: two customers, then an orders file; the orders report's body.</summary>
internal static class OrderFileUpload
{
    public static async Task<string> PostAsync(CrmFactory crm, string customerCsv, string orderCsv, CancellationToken ct)
    {
        using var client = crm.CreateClient();
        await PostCsvAsync(client, "/api/ingest/customers", customerCsv, ct);
        return await PostCsvAsync(client, "/api/ingest/orders", orderCsv, ct);
    }

    private static async Task<string> PostCsvAsync(HttpClient client, string path, string csv, CancellationToken ct)
    {
        using var content = new StringContent(csv.Replace("\r", ""), System.Text.Encoding.UTF8, "text/csv");
        using var response = await client.PostAsync(path, content, ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        Assert.True(response.IsSuccessStatusCode, body);
        return body;
    }
}

/// <summary>Line numbers within an order follow the file, also when its lines are not consecutive in it.</summary>
public sealed class OrderLineNumberTests(CrmFactory crm) : IClassFixture<CrmFactory>
{
    [Fact]
    public async Task Orders_whose_lines_are_not_consecutive_keep_their_line_order()
    {
        var ct = TestContext.Current.CancellationToken;
        // Order A's lines are interleaved with order B's: A gets lines 1, 2, 3 in file order all the same.
        const string orders = """
            order_id,customer_id,ordered_at,sku,product_name,quantity,unit_price,currency
            NC-A,NC-1,2026-05-01T10:00:00Z,S-1,First,1,10.00,INR
            NC-B,NC-2,2026-05-02T10:00:00Z,S-9,Other,1,5.00,INR
            NC-A,NC-1,2026-05-01T10:00:00Z,S-2,Second,2,20.00,INR
            NC-B,NC-2,2026-05-02T10:00:00Z,S-8,Another,1,6.00,INR
            NC-A,NC-1,2026-05-01T10:00:00Z,S-3,Third,3,30.00,INR
            """;
        await OrderFileUpload.PostAsync(crm, "external_id,email,name\nNC-1,nc-1@example.com,Noor\nNC-2,nc-2@example.com,Ravi\n", orders, ct);

        Assert.Equal("1:S-1,2:S-2,3:S-3", await crm.ScalarAsync<string>(
            "SELECT string_agg(l.line_no || ':' || l.sku, ',' ORDER BY l.line_no) FROM order_lines l JOIN orders o ON o.id = l.order_id WHERE o.external_id = 'NC-A'"));
        Assert.Equal("1:S-9,2:S-8", await crm.ScalarAsync<string>(
            "SELECT string_agg(l.line_no || ':' || l.sku, ',' ORDER BY l.line_no) FROM order_lines l JOIN orders o ON o.id = l.order_id WHERE o.external_id = 'NC-B'"));
        Assert.Equal(140.00m, await crm.ScalarAsync<decimal>("SELECT total FROM orders WHERE external_id = 'NC-A'"));
    }
}

/// <summary>An order whose lines disagree on customer, currency or status is rejected whole, each line with the reason.</summary>
public sealed class InconsistentOrderTests(CrmFactory crm) : IClassFixture<CrmFactory>
{
    [Fact]
    public async Task An_order_naming_two_customers_or_two_currencies_is_rejected_whole_and_the_rest_imported()
    {
        var ct = TestContext.Current.CancellationToken;
        // IC-A: two customers in one run of lines; IC-B: two currencies in two runs; IC-C: fine.
        const string orders = """
            order_id,customer_id,ordered_at,sku,product_name,quantity,unit_price,currency
            IC-A,IC-1,2026-05-01T10:00:00Z,S-1,First,1,10.00,INR
            IC-A,IC-2,2026-05-01T10:00:00Z,S-2,Second,1,10.00,INR
            IC-B,IC-1,2026-05-02T10:00:00Z,S-1,First,1,10.00,INR
            IC-C,IC-2,2026-05-03T10:00:00Z,S-3,Third,2,15.00,INR
            IC-B,IC-1,2026-05-02T10:00:00Z,S-2,Second,1,10.00,GBP
            """;
        var body = await OrderFileUpload.PostAsync(crm, "external_id,email,name\nIC-1,ic-1@example.com,Noor\nIC-2,ic-2@example.com,Ravi\n", orders, ct);
        using var report = System.Text.Json.JsonDocument.Parse(body);
        var rejected = report.RootElement.GetProperty("rejected").EnumerateArray()
            .Select(r => (Line: r.GetProperty("line").GetInt64(), Reason: r.GetProperty("reason").GetString()!)).OrderBy(r => r.Line).ToList();
        Assert.Equal([2L, 3L, 4L, 6L], rejected.Select(r => r.Line));
        Assert.All(rejected, r => Assert.Contains("names more than one customer, currency or status", r.Reason));
        Assert.Equal("IC-C", await crm.ScalarAsync<string>("SELECT string_agg(external_id, ',') FROM orders WHERE external_id LIKE 'IC-%'"));
        Assert.Equal(30.00m, await crm.ScalarAsync<decimal>("SELECT total_spent FROM customers WHERE external_id = 'IC-2'"));
    }
}
